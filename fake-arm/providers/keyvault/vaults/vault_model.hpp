// Microsoft.KeyVault/vaults (management plane): the vault and deleted-vault models, the typed
// PUT/PATCH/accessPolicies inputs, and their wire mapping (vault_json.cpp, api 2022-07-01).
// No Azure semantics here (defaults, irreversible settings, permission names: vault_service.cpp).
#pragma once

#include "emulator/ports/vaults.hpp"
#include "fake-arm/core/resource_id.hpp"
#include "fake-arm/core/resource_store.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace azemu::arm {

inline constexpr const char* kVaultNamespace = "Microsoft.KeyVault";
inline constexpr const char* kVaultType = "Microsoft.KeyVault/vaults";
inline constexpr const char* kDeletedVaultType = "Microsoft.KeyVault/deletedVaults";

/// One access policy entry; the data plane reads the same struct through ports::Vaults.
using AccessPolicy = ports::VaultAccessPolicy;

/// Spec: common-types systemData. Times are unix seconds.
struct VaultSystemData {
  std::string created_by, created_by_type;
  std::int64_t created_at = 0;
  std::string last_modified_by, last_modified_by_type;
  std::int64_t last_modified_at = 0;
};

struct Vault {
  ResourceId id;          // canonical casing of the first PUT
  std::string location;   // normalised ("westus")
  nlohmann::json tags = nlohmann::json::object();
  std::string tenant_id;
  std::string sku = "standard";  // "standard" | "premium"
  std::vector<AccessPolicy> access_policies;
  bool enabled_for_deployment = false;
  bool enabled_for_disk_encryption = false;
  bool enabled_for_template_deployment = false;
  bool enable_rbac_authorization = false;
  int soft_delete_retention_days = 90;
  bool enable_purge_protection = false;  // omitted on the wire while false (Azure never prints false)
  std::string public_network_access = "Enabled";
  std::optional<nlohmann::json> network_acls;
  VaultSystemData system_data;

  std::string name() const { return id.name(); }
};

/// A soft-deleted vault: the whole vault as it was (for recover) plus the deletion facts.
struct DeletedVault {
  Vault vault;
  std::int64_t deleted_at = 0;
  std::int64_t scheduled_purge_at = 0;
};

/// PUT and PATCH bodies: every field optional; PUT-only required fields are checked by the service.
struct VaultInput {
  std::optional<std::string> location;
  std::optional<nlohmann::json> tags;  // validated
  std::optional<std::string> tenant_id;
  std::optional<std::string> sku_name, sku_family;
  std::optional<std::vector<AccessPolicy>> access_policies;
  std::optional<bool> enabled_for_deployment, enabled_for_disk_encryption, enabled_for_template_deployment;
  std::optional<bool> enable_soft_delete, enable_rbac_authorization, enable_purge_protection;
  std::optional<int> soft_delete_retention_days;
  std::optional<std::string> create_mode;  // "default" | "recover" (any case)
  std::optional<std::string> public_network_access;
  std::optional<nlohmann::json> network_acls;
};

struct NameAvailability {
  bool available = true;
  std::string reason;   // "AlreadyExists" | "AccountNameInvalid"
  std::string message;
};

/// Strict parsing: wrong JSON types are InvalidRequestContent. `properties` must be an object on PUT.
VaultInput vault_put_from_json(const nlohmann::json& body);
VaultInput vault_patch_from_json(const nlohmann::json& body);
/// Body of PUT .../accessPolicies/{kind}: {"properties":{"accessPolicies":[...]}}.
std::vector<AccessPolicy> access_policy_parameters_from_json(const nlohmann::json& body);
/// Body of checkNameAvailability: {"name", "type"}; returns {name, type}.
std::pair<std::string, std::string> name_check_from_json(const nlohmann::json& body);

/// The 2022-07-01 Vault shape; `vault_dns` ("vault.azure.net", or "vault.<base>:<port>" in cloud mode)
/// builds vaultUri.
nlohmann::json to_json(const Vault& v, const std::string& vault_dns);
/// {id,name,type,location,properties{accessPolicies}} of the accessPolicies operation.
nlohmann::json access_policy_parameters_json(const Vault& v, const std::string& kind,
                                             const std::vector<AccessPolicy>& given);
nlohmann::json to_json(const DeletedVault& d);
nlohmann::json to_json(const NameAvailability& n);

/// "https://<name>.<vault_dns>/" with the name lower-cased.
std::string vault_uri(const std::string& name, const std::string& vault_dns);
/// "/subscriptions/{s}/providers/Microsoft.KeyVault/locations/{loc}/deletedVaults/{name}".
std::string deleted_vault_id(const std::string& subscription_id, const std::string& location, const std::string& name);

/// Round trip through arm_resources.body (stored in proxy-mode form; vaultUri rebuilt on output).
StoredResource to_stored(const Vault& v, std::int64_t created_at, std::int64_t changed_at);
Vault vault_from_body(const ResourceId& id, const nlohmann::json& body);

/// The port's view of a vault.
ports::VaultInfo to_vault_info(const Vault& v);

}  // namespace azemu::arm
