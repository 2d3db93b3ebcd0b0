// See config.hpp.
#include "emulator/app/config.hpp"

#include <filesystem>
#include <stdexcept>

namespace azemu::app {

std::string Config::listen_host() const {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::invalid_argument("--listen must be HOST:PORT, got '" + listen + "'");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return host;
}

std::uint16_t Config::listen_port() const {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::invalid_argument("--listen must be HOST:PORT, got '" + listen + "'");
  unsigned long port = std::stoul(listen.substr(colon + 1));
  if (port > 65535) throw std::invalid_argument("port out of range: " + listen);
  return static_cast<std::uint16_t>(port);
}

std::string Config::data_dir_abs() const { return std::filesystem::absolute(data_dir).lexically_normal().string(); }

}  // namespace azemu::app
