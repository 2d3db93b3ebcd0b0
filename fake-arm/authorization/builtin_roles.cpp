// The built-in role catalog: GUIDs, names, descriptions and permissions copied from
// learn.microsoft.com "Azure built-in roles" (General, Privileged, Compute, Security pages).
// A realistic subset, not all ~500 roles. createdOn/updatedOn are fixed (approximate) dates: real
// ARM prints one per role and az only displays them.
#include "fake-arm/authorization/builtin_roles.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::arm {

namespace {
constexpr std::int64_t k2015 = 1422913509;  // 2015-02-02T21:55:09Z
constexpr std::int64_t k2020 = 1589904000;  // 2020-05-19T16:00:00Z
constexpr std::int64_t k2023 = 1681344000;  // 2023-04-13T00:00:00Z

constexpr const char* kRbacOnly = " Only works for key vaults that use the 'Azure role-based access control' permission model.";

// The control-plane actions every Key Vault data role carries (read the vault, deploy, support).
std::vector<std::string> key_vault_reads() {
  return {"Microsoft.Authorization/*/read",
          "Microsoft.Insights/alertRules/*",
          "Microsoft.Resources/deployments/*",
          "Microsoft.Resources/subscriptions/resourceGroups/read",
          "Microsoft.Support/*",
          "Microsoft.KeyVault/checkNameAvailability/read",
          "Microsoft.KeyVault/deletedVaults/read",
          "Microsoft.KeyVault/locations/*/read",
          "Microsoft.KeyVault/vaults/*/read",
          "Microsoft.KeyVault/operations/read"};
}

RoleDefinition role(const char* id, const char* name, std::string description, Permission p, std::int64_t created,
                    std::int64_t updated) {
  RoleDefinition d;
  d.id = id;
  d.role_name = name;
  d.type = RoleType::built_in;
  d.description = std::move(description);
  d.assignable_scopes = {"/"};
  d.permissions = {std::move(p)};
  d.created_at = created;
  d.updated_at = updated;
  return d;
}

std::vector<RoleDefinition> make_catalog() {
  std::vector<RoleDefinition> c;
  // General / Privileged
  c.push_back(role(kOwnerRoleId, "Owner",
                   "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
                   {{"*"}, {}, {}, {}}, k2015, k2023));
  c.push_back(role(kContributorRoleId, "Contributor",
                   "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, "
                   "manage assignments in Azure Blueprints, or share image galleries.",
                   {{"*"},
                    {"Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write",
                     "Microsoft.Authorization/elevateAccess/Action", "Microsoft.Blueprint/blueprintAssignments/write",
                     "Microsoft.Blueprint/blueprintAssignments/delete", "Microsoft.Compute/galleries/share/action",
                     "Microsoft.Purview/consents/write", "Microsoft.Purview/consents/delete"},
                    {},
                    {}},
                   k2015, k2023));
  c.push_back(role(kReaderRoleId, "Reader", "View all resources, but does not allow you to make any changes.",
                   {{"*/read"}, {}, {}, {}}, k2015, k2023));
  c.push_back(role(kUserAccessAdministratorRoleId, "User Access Administrator",
                   "Lets you manage user access to Azure resources.",
                   {{"*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"}, {}, {}, {}}, k2015, k2023));
  // Compute
  c.push_back(role(
      "9980e02c-c2be-4d73-94e8-173b1dc7cf3c", "Virtual Machine Contributor",
      "Create and manage virtual machines, manage disks, install and run software, reset password of the root user of "
      "the virtual machine using VM extensions, and manage local users using VM extensions. This role does not grant "
      "you management access to the virtual network or storage account the virtual machines are connected to. This "
      "role does not allow you to assign roles in Azure RBAC.",
      {{"Microsoft.Authorization/*/read",
        "Microsoft.Compute/availabilitySets/*",
        "Microsoft.Compute/locations/*",
        "Microsoft.Compute/virtualMachines/*",
        "Microsoft.Compute/virtualMachineScaleSets/*",
        "Microsoft.Compute/cloudServices/*",
        "Microsoft.Compute/disks/write",
        "Microsoft.Compute/disks/read",
        "Microsoft.Compute/disks/delete",
        "Microsoft.DevTestLab/schedules/*",
        "Microsoft.Insights/alertRules/*",
        "Microsoft.Network/applicationGateways/backendAddressPools/join/action",
        "Microsoft.Network/loadBalancers/backendAddressPools/join/action",
        "Microsoft.Network/loadBalancers/inboundNatPools/join/action",
        "Microsoft.Network/loadBalancers/inboundNatRules/join/action",
        "Microsoft.Network/loadBalancers/probes/join/action",
        "Microsoft.Network/loadBalancers/read",
        "Microsoft.Network/locations/*",
        "Microsoft.Network/networkInterfaces/*",
        "Microsoft.Network/networkSecurityGroups/join/action",
        "Microsoft.Network/networkSecurityGroups/read",
        "Microsoft.Network/publicIPAddresses/join/action",
        "Microsoft.Network/publicIPAddresses/read",
        "Microsoft.Network/virtualNetworks/read",
        "Microsoft.Network/virtualNetworks/subnets/join/action",
        "Microsoft.RecoveryServices/locations/*",
        "Microsoft.RecoveryServices/Vaults/backupFabrics/backupProtectionIntent/write",
        "Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/*/read",
        "Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/read",
        "Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/write",
        "Microsoft.RecoveryServices/Vaults/backupPolicies/read",
        "Microsoft.RecoveryServices/Vaults/backupPolicies/write",
        "Microsoft.RecoveryServices/Vaults/read",
        "Microsoft.RecoveryServices/Vaults/usages/read",
        "Microsoft.RecoveryServices/Vaults/write",
        "Microsoft.ResourceHealth/availabilityStatuses/read",
        "Microsoft.Resources/deployments/*",
        "Microsoft.Resources/subscriptions/resourceGroups/read",
        "Microsoft.SerialConsole/serialPorts/connect/action",
        "Microsoft.SqlVirtualMachine/*",
        "Microsoft.Storage/storageAccounts/listKeys/action",
        "Microsoft.Storage/storageAccounts/read",
        "Microsoft.Support/*"},
       {},
       {},
       {}},
      k2015, k2023));
  // Security: Key Vault
  c.push_back(role("f25e0fa2-a7c8-4377-a976-54943a77a395", "Key Vault Contributor",
                   "Lets you manage key vaults, but not access to them.",
                   {{"Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*", "Microsoft.KeyVault/*",
                     "Microsoft.Resources/deployments/*", "Microsoft.Resources/subscriptions/resourceGroups/read",
                     "Microsoft.Support/*"},
                    {"Microsoft.KeyVault/locations/deletedVaults/purge/action", "Microsoft.KeyVault/hsmPools/*",
                     "Microsoft.KeyVault/managedHsms/*"},
                    {},
                    {}},
                   k2015, k2023));
  c.push_back(role("00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator",
                   std::string("Perform all data plane operations on a key vault and all objects in it, including "
                               "certificates, keys, and secrets. Cannot manage key vault resources or manage role "
                               "assignments.") + kRbacOnly,
                   {key_vault_reads(), {}, {"Microsoft.KeyVault/vaults/*"}, {}}, k2020, k2023));
  c.push_back(role("21090545-7ca7-4776-b22c-e363652d74d2", "Key Vault Reader",
                   std::string("Read metadata of key vaults and its certificates, keys, and secrets. Cannot read "
                               "sensitive values such as secret contents or key material.") + kRbacOnly,
                   {key_vault_reads(), {}, {"Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/secrets/readMetadata/action"}, {}},
                   k2020, k2023));
  c.push_back(role("14b46e9e-c2b7-41b4-b07b-48a6ebf60603", "Key Vault Crypto Officer",
                   std::string("Perform any action on the keys of a key vault, except manage permissions.") + kRbacOnly,
                   {key_vault_reads(), {}, {"Microsoft.KeyVault/vaults/keys/*", "Microsoft.KeyVault/vaults/keyrotationpolicies/*"}, {}},
                   k2020, k2023));
  c.push_back(role("12338af0-0e69-4776-bea7-57ae8d297424", "Key Vault Crypto User",
                   std::string("Perform cryptographic operations using keys.") + kRbacOnly,
                   {{},
                    {},
                    {"Microsoft.KeyVault/vaults/keys/read", "Microsoft.KeyVault/vaults/keys/update/action",
                     "Microsoft.KeyVault/vaults/keys/backup/action", "Microsoft.KeyVault/vaults/keys/encrypt/action",
                     "Microsoft.KeyVault/vaults/keys/decrypt/action", "Microsoft.KeyVault/vaults/keys/wrap/action",
                     "Microsoft.KeyVault/vaults/keys/unwrap/action", "Microsoft.KeyVault/vaults/keys/sign/action",
                     "Microsoft.KeyVault/vaults/keys/verify/action"},
                    {}},
                   k2020, k2023));
  c.push_back(role("e147488a-f6f5-4113-8e2d-b22465e65bf6", "Key Vault Crypto Service Encryption User",
                   std::string("Read metadata of keys and perform wrap/unwrap operations.") + kRbacOnly,
                   {{"Microsoft.EventGrid/eventSubscriptions/write", "Microsoft.EventGrid/eventSubscriptions/read",
                     "Microsoft.EventGrid/eventSubscriptions/delete"},
                    {},
                    {"Microsoft.KeyVault/vaults/keys/read", "Microsoft.KeyVault/vaults/keys/wrap/action",
                     "Microsoft.KeyVault/vaults/keys/unwrap/action"},
                    {}},
                   k2020, k2023));
  c.push_back(role("b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "Key Vault Secrets Officer",
                   std::string("Perform any action on the secrets of a key vault, except manage permissions.") + kRbacOnly,
                   {key_vault_reads(), {}, {"Microsoft.KeyVault/vaults/secrets/*"}, {}}, k2020, k2023));
  c.push_back(role("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User",
                   std::string("Read secret contents.") + kRbacOnly,
                   {{},
                    {},
                    {"Microsoft.KeyVault/vaults/secrets/getSecret/action",
                     "Microsoft.KeyVault/vaults/secrets/readMetadata/action"},
                    {}},
                   k2020, k2023));
  return c;
}
}  // namespace

const std::vector<RoleDefinition>& builtin_roles() {
  static const std::vector<RoleDefinition> catalog = make_catalog();
  return catalog;
}

const RoleDefinition* find_builtin_role(std::string_view guid) {
  for (const auto& r : builtin_roles())
    if (text::iequals(r.id, guid)) return &r;
  return nullptr;
}

const RoleDefinition* find_builtin_role_by_name(std::string_view role_name) {
  for (const auto& r : builtin_roles())
    if (text::iequals(r.role_name, role_name)) return &r;
  return nullptr;
}

}  // namespace azemu::arm
