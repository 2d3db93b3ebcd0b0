// Port: what the Key Vault data plane (fake-keyvault) may ask the management plane (fake-arm, which
// owns Microsoft.KeyVault/vaults resources) about a vault: its settings and access policies, and
// whether an RBAC data action is granted when the vault uses enableRbacAuthorization.
// Implemented in fake-arm, wired in emulator/app/services.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azemu::ports {

struct VaultAccessPolicy {
  std::string tenant_id;
  std::string object_id;
  std::string application_id;  // compound identity; empty when absent
  std::vector<std::string> keys, secrets, certificates, storage;  // permission names as stored (any case)
};

struct VaultInfo {
  std::string name;             // lower case
  std::string resource_id;      // /subscriptions/.../providers/Microsoft.KeyVault/vaults/<name>
  std::string subscription_id;
  std::string location;         // normalised, e.g. "westus"
  std::string tenant_id;
  std::string sku;              // "standard" | "premium"
  bool enabled_for_disk_encryption = false;
  bool enabled_for_deployment = false;
  bool enabled_for_template_deployment = false;
  bool enable_rbac_authorization = false;
  bool purge_protection = false;
  int soft_delete_retention_days = 90;
  std::vector<VaultAccessPolicy> access_policies;
};

class Vaults {
public:
  virtual ~Vaults() = default;
  /// The active (not deleted) vault with this name, any case.
  virtual std::optional<VaultInfo> find(std::string_view name) const = 0;
  /// RBAC data actions (e.g. "Microsoft.KeyVault/vaults/keys/unwrap/action") for `object_id` at
  /// `scope` (a vault resource id, optionally with "/keys/<name>" or "/secrets/<name>"), inherited
  /// from subscription and resource group assignments like every ARM permission.
  virtual bool data_action_allowed(std::string_view object_id, std::string_view data_action,
                                   std::string_view scope) const = 0;
};

}  // namespace azemu::ports
