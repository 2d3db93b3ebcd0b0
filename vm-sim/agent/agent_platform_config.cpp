#include "vm-sim/agent/agent_platform_config.hpp"

#include "emulator/fs/replace_file.hpp"
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace azemu::vm::agent {

namespace {
namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kCaFile = "/etc/azemu/ca.pem";
constexpr const char* kWaagentConf = "/etc/waagent.conf";

void replace_file(const fs::path& path, const std::string& text, mode_t mode) {
  fs::create_directories(path.parent_path());
  azemu::files::replace_file_durably(path.string(), text, mode);
}

/// waagent.conf with its HttpProxy.* lines replaced (every other line kept as it was).
std::string with_proxy(const std::string& host, int port) {
  std::ifstream in(kWaagentConf);
  std::string text;
  for (std::string line; std::getline(in, line);)
    if (line.rfind("HttpProxy.Host", 0) != 0 && line.rfind("HttpProxy.Port", 0) != 0) text += line + '\n';
  return text + "HttpProxy.Host=" + host + "\nHttpProxy.Port=" + std::to_string(port) + '\n';
}
}  // namespace

void apply_platform_config(const json& request) {
  if (auto ca = request.find("ca_pem"); ca != request.end() && ca->is_string() && !ca->get<std::string>().empty())
    replace_file(kCaFile, ca->get<std::string>(), 0644);
  if (auto proxy = request.find("http_proxy"); proxy != request.end() && proxy->is_object()) {
    std::string host = proxy->value("host", std::string());
    int port = proxy->value("port", 0);
    // Written verbatim into a key=value file: refuse anything that could add a line.
    if (host.empty() || host.find_first_of("\n\r= ") != std::string::npos || port <= 0 || port > 65535)
      throw std::runtime_error("invalid http_proxy in provision request");
    replace_file(kWaagentConf, with_proxy(host, port), 0644);
  }
}

}  // namespace azemu::vm::agent
