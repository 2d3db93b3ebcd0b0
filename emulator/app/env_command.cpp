// See env_command.hpp. Values are single-quoted for the shell.
#include "emulator/app/env_command.hpp"

#include "emulator/app/data_dir.hpp"
#include "emulator/tls/local_ca.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace azemu::app {

namespace {
std::string quote(const std::string& v) {
  std::string out = "'";
  for (char c : v) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string port_suffix(const Config& c) {
  auto p = c.listen_port();
  return p == 443 ? "" : ":" + std::to_string(p);
}

/// The address clients connect to: --host when given (a container network's name for azemu),
/// else the listen address, where a wildcard is reached through loopback.
std::string client_host(const Config& c) {
  if (!c.client_host.empty()) return c.client_host;
  std::string h = c.listen_host();
  if (h == "0.0.0.0") return "127.0.0.1";
  if (h == "::") return "[::1]";
  if (h.find(':') != std::string::npos) return "[" + h + "]";
  return h;
}
}  // namespace

std::string cloud_config_json(const Config& c, const std::string& az_profile) {
  std::string base = c.cloud_base, port = port_suffix(c);
  nlohmann::json j = {
      {"endpoints",
       {{"resourceManager", "https://management." + base + port + "/"},
        {"activeDirectory", "https://login." + base + port + "/adfs"},
        {"activeDirectoryResourceId", "https://management.core.windows.net/"},
        {"activeDirectoryGraphResourceId", "https://graph.windows.net/"},
        {"microsoftGraphResourceId", "https://graph." + base + port + "/"},
        {"vmImageAliasDoc", "https://management." + base + port + "/azemu/aliases.json"}}},
      {"suffixes", {{"keyvaultDns", ".vault." + base + port}, {"storageEndpoint", "core." + base}}}};
  if (!az_profile.empty() && az_profile != "latest") j["profile"] = az_profile;
  return j.dump();
}

std::string env_script(const Config& c, const std::string& mode, const std::string& az_profile) {
  if (mode != "proxy" && mode != "cloud") throw std::invalid_argument("--mode must be proxy or cloud");
  DataDir dir(c.data_dir_abs());
  ports::Seed seed = dir.load_or_create_seed(c.identities);
  auto ca = tls::LocalCa::load_or_create(dir.path());
  std::string bundle = tls::write_ca_bundle(dir.path(), ca);

  std::ostringstream out;
  auto exp = [&](const std::string& k, const std::string& v) { out << "export " << k << "=" << quote(v) << "\n"; };
  out << "# azemu " << mode << " mode: eval \"$(azemu env" << (mode == "cloud" ? " --mode cloud" : "") << ")\"\n";
  if (mode == "proxy") {
    std::string proxy = "http://" + client_host(c) + ":" + std::to_string(c.listen_port());
    exp("HTTPS_PROXY", proxy);
    exp("https_proxy", proxy);
    exp("AZURE_CONFIG_DIR", dir.path() + "/az-proxy");
  } else {
    out << "# Host names under " << c.cloud_base << " must resolve to loopback: on Debian install\n"
        << "# libnss-myhostname (resolves *.localhost) or add them to /etc/hosts (see README).\n";
    exp("AZURE_CONFIG_DIR", dir.path() + "/az-cloud");
    exp("AZEMU_CLOUD_CONFIG", cloud_config_json(c, az_profile));
  }
  exp("REQUESTS_CA_BUNDLE", bundle);
  exp("NODE_EXTRA_CA_CERTS", bundle);
  exp("AZURE_CORE_COLLECT_TELEMETRY", "false");
  exp("AZURE_CORE_ERROR_RECOMMENDATION", "off");
  exp("AZEMU_TENANT_ID", seed.tenant_id);
  exp("AZEMU_SUBSCRIPTION_ID", seed.subscription_id);
  exp("AZEMU_CLIENT_ID", seed.client_id);
  exp("AZEMU_CLIENT_SECRET", seed.client_secret);
  exp("AZEMU_ADMIN_USER", seed.admin_user);
  exp("AZEMU_ADMIN_PASSWORD", seed.admin_password);
  if (mode == "cloud") {
    // Register (or refresh) the custom cloud in the isolated profile and make it current.
    out << "az cloud register -n azemu --cloud-config \"$AZEMU_CLOUD_CONFIG\" >/dev/null 2>&1 || "
           "az cloud update -n azemu --cloud-config \"$AZEMU_CLOUD_CONFIG\" >/dev/null\n";
    out << "az cloud set -n azemu >/dev/null 2>&1\n";
  }
  return out.str();
}

}  // namespace azemu::app
