// Proxy and CA discovery for the ADE handler (see proxy_config.hpp for the contract).
#include "vm-sim/ade/proxy_config.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace azemu::vm::ade {

namespace {
std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string trim(std::string s) {
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::optional<int> parse_port(const std::string& s) {
  if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  int port = std::stoi(s);
  if (port <= 0 || port > 65535) return std::nullopt;
  return port;
}
}  // namespace

std::optional<std::pair<std::string, int>> parse_host_port(const std::string& text) {
  std::string t = trim(text);
  if (auto scheme = t.find("://"); scheme != std::string::npos) t = t.substr(scheme + 3);  // http://h:p tolerated
  while (!t.empty() && t.back() == '/') t.pop_back();
  std::string host, port;
  if (!t.empty() && t[0] == '[') {
    auto close = t.find(']');
    if (close == std::string::npos || close + 1 >= t.size() || t[close + 1] != ':') return std::nullopt;
    host = t.substr(1, close - 1);
    port = t.substr(close + 2);
  } else {
    auto colon = t.rfind(':');
    if (colon == std::string::npos) return std::nullopt;
    host = t.substr(0, colon);
    port = t.substr(colon + 1);
  }
  auto p = parse_port(port);
  if (host.empty() || !p) return std::nullopt;
  return std::make_pair(host, *p);
}

std::optional<ProxyConfig> load_proxy_config(const HandlerPaths& paths) {
  ProxyConfig config;
  if (auto hp = parse_host_port(env("AZEMU_PROXY"))) {
    config.proxy_host = hp->first;
    config.proxy_port = hp->second;
  } else {
    // waagent.conf: "HttpProxy.Host=10.0.2.2" / "HttpProxy.Port=443" (comments start with #).
    std::ifstream in(paths.waagent_conf());
    std::string line, host, port;
    while (std::getline(in, line)) {
      line = trim(line);
      if (line.empty() || line[0] == '#') continue;
      auto eq = line.find('=');
      if (eq == std::string::npos) continue;
      std::string key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
      if (key == "HttpProxy.Host") host = value;
      if (key == "HttpProxy.Port") port = value;
    }
    auto p = parse_port(port);
    if (host.empty() || host == "None" || !p) return std::nullopt;
    config.proxy_host = host;
    config.proxy_port = *p;
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  if (std::string ca = env("AZEMU_CA_FILE"); !ca.empty()) {
    config.ca_file = ca;
  } else {
    for (const char* candidate : {"/etc/azemu/ca.pem", "/etc/ssl/certs/ca-certificates.crt"}) {
      if (fs::exists(paths.at(candidate), ec)) {
        config.ca_file = paths.at(candidate).string();
        break;
      }
    }
  }
  return config;
}

}  // namespace azemu::vm::ade
