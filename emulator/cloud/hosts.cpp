// Host classification; see hosts.hpp.
#include "emulator/cloud/hosts.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::cloud {

HostNames::HostNames(std::string cloud_base) : base_(text::to_lower(cloud_base)) {}

HostInfo HostNames::classify(std::string_view raw) const {
  std::string host = text::to_lower(raw);
  while (!host.empty() && host.back() == '.') host.pop_back();  // FQDN with trailing dot
  HostInfo info;
  auto vault_under = [&](std::string_view suffix) {
    if (host.size() > suffix.size() && text::iends_with(host, suffix)) {
      std::string name = host.substr(0, host.size() - suffix.size());
      if (name.find('.') == std::string::npos) {
        info.kind = HostKind::vault;
        info.vault_name = name;
        return true;
      }
    }
    return false;
  };
  if (host == kLoginHost || host == "login.windows.net" || host == "login.microsoft.com" ||
      host == "login." + base_)
    info.kind = HostKind::login;
  else if (host == kManagementHost || host == "management.core.windows.net" || host == "management." + base_)
    info.kind = HostKind::management;
  else if (host == kGraphHost || host == "graph." + base_)
    info.kind = HostKind::graph;
  else if (vault_under(kVaultSuffix) || vault_under(".vault." + base_))
    ;
  else if (host == kAliasDocHost)
    info.kind = HostKind::alias_doc;
  else if (host == "localhost" || host == "127.0.0.1" || host == "::1" || host == "[::1]" || host == base_)
    info.kind = HostKind::local;
  return info;
}

bool HostNames::connect_allowed(std::string_view host) const {
  auto k = classify(host).kind;
  return k != HostKind::unknown && k != HostKind::local;
}

std::vector<std::string> HostNames::arm_audiences() const {
  return {std::string(kArmAudience), std::string(kArmAudienceAlt), "https://management." + base_ + "/"};
}

std::vector<std::string> HostNames::graph_audiences(std::string_view port) const {
  return {std::string(kGraphAudience), std::string(kGraphAppId), "https://graph." + base_,
          "https://graph." + base_ + std::string(port)};
}

std::vector<std::string> HostNames::vault_audiences(std::string_view port) const {
  return {std::string(kVaultAudience), std::string(kVaultAppId), "https://vault." + base_,
          "https://vault." + base_ + std::string(port)};
}

std::pair<std::string, std::string> split_host_port(std::string_view a) {
  if (!a.empty() && a.front() == '[') {
    auto close = a.find(']');
    if (close != std::string_view::npos)
      return {std::string(a.substr(0, close + 1)), std::string(a.substr(close + 1))};
  }
  auto colon = a.rfind(':');
  if (colon == std::string_view::npos || a.find(':') != colon) return {std::string(a), ""};
  return {std::string(a.substr(0, colon)), std::string(a.substr(colon))};
}

}  // namespace azemu::cloud
