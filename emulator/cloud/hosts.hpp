// Azure host names azemu answers for, in both client modes (one home for these facts):
//   proxy mode  login.microsoftonline.com, management.azure.com, graph.microsoft.com, <vault>.vault.azure.net
//   cloud mode  login.<base>, management.<base>, graph.<base>, <vault>.vault.<base>   (base: azemu.localhost)
// plus localhost/127.0.0.1, where ARM, Entra and Graph are reachable by path, and raw.githubusercontent.com,
// where only az's VM image alias document is served (HostKind::alias_doc). Nothing else is served
// and CONNECT to anything else is refused.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace azemu::cloud {

enum class HostKind { management, login, graph, vault, local, alias_doc, unknown };

struct HostInfo {
  HostKind kind = HostKind::unknown;
  std::string vault_name;  // vault hosts only, lower case
};

/// Public-cloud host names (proxy mode).
inline constexpr std::string_view kLoginHost = "login.microsoftonline.com";
inline constexpr std::string_view kManagementHost = "management.azure.com";
inline constexpr std::string_view kGraphHost = "graph.microsoft.com";
inline constexpr std::string_view kVaultSuffix = ".vault.azure.net";
inline constexpr std::string_view kDefaultCloudBase = "azemu.localhost";
/// Where the public cloud's `vmImageAliasDoc` endpoint points (azure/cli/core/cloud.py); azemu answers
/// the alias document there so `az vm image list` / `az vm create --image UbuntuLTS` work offline.
inline constexpr std::string_view kAliasDocHost = "raw.githubusercontent.com";

/// Token audiences (resource ids) of the public cloud.
inline constexpr std::string_view kArmAudience = "https://management.core.windows.net/";
inline constexpr std::string_view kArmAudienceAlt = "https://management.azure.com/";
inline constexpr std::string_view kGraphAudience = "https://graph.microsoft.com";
inline constexpr std::string_view kGraphAppId = "00000003-0000-0000-c000-000000000000";
inline constexpr std::string_view kVaultAudience = "https://vault.azure.net";
inline constexpr std::string_view kVaultAppId = "cfa8b339-82a2-471a-a3c9-0fc0be7a4093";
/// The Azure CLI's public client id.
inline constexpr std::string_view kAzureCliClientId = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

class HostNames {
public:
  explicit HostNames(std::string cloud_base = std::string(kDefaultCloudBase));

  /// `host` without port, any case.
  HostInfo classify(std::string_view host) const;
  /// CONNECT policy: only hosts azemu serves (never localhost: there is nothing to tunnel to).
  bool connect_allowed(std::string_view host) const;

  const std::string& cloud_base() const { return base_; }
  /// Audiences each service accepts, for both modes; `port_suffix` is ":8443" or "".
  std::vector<std::string> arm_audiences() const;
  std::vector<std::string> graph_audiences(std::string_view port_suffix) const;
  std::vector<std::string> vault_audiences(std::string_view port_suffix) const;

private:
  std::string base_;
};

/// Splits "host:port" (or "[::1]:port") into host and ":port" (empty when absent).
std::pair<std::string, std::string> split_host_port(std::string_view authority);

}  // namespace azemu::cloud
