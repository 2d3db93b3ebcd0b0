// The ARM operation names ("actions") fake-arm checks with the Authorizer, one home for each.
// Spec: learn.microsoft.com "Azure resource provider operations" (Microsoft.Resources,
// Microsoft.Authorization). Actions of arbitrary provider types are built with resource_action().
#pragma once

#include <string>

namespace azemu::arm::actions {

inline constexpr const char* kSubscriptionsRead = "Microsoft.Resources/subscriptions/read";
inline constexpr const char* kProvidersRead = "Microsoft.Resources/subscriptions/providers/read";
inline constexpr const char* kGroupsRead = "Microsoft.Resources/subscriptions/resourceGroups/read";
inline constexpr const char* kGroupsWrite = "Microsoft.Resources/subscriptions/resourceGroups/write";
inline constexpr const char* kGroupsDelete = "Microsoft.Resources/subscriptions/resourceGroups/delete";
inline constexpr const char* kResourcesRead = "Microsoft.Resources/subscriptions/resources/read";
inline constexpr const char* kGroupResourcesRead = "Microsoft.Resources/subscriptions/resourceGroups/resources/read";
inline constexpr const char* kRoleAssignmentsRead = "Microsoft.Authorization/roleAssignments/read";
inline constexpr const char* kRoleAssignmentsWrite = "Microsoft.Authorization/roleAssignments/write";
inline constexpr const char* kRoleAssignmentsDelete = "Microsoft.Authorization/roleAssignments/delete";
inline constexpr const char* kRoleDefinitionsRead = "Microsoft.Authorization/roleDefinitions/read";
inline constexpr const char* kRoleDefinitionsWrite = "Microsoft.Authorization/roleDefinitions/write";
inline constexpr const char* kRoleDefinitionsDelete = "Microsoft.Authorization/roleDefinitions/delete";

// Spec: "Azure resource provider operations", Microsoft.Resources (template deployments).
inline constexpr const char* kDeploymentsRead = "Microsoft.Resources/deployments/read";
inline constexpr const char* kDeploymentsWrite = "Microsoft.Resources/deployments/write";
inline constexpr const char* kDeploymentsDelete = "Microsoft.Resources/deployments/delete";
inline constexpr const char* kDeploymentsValidate = "Microsoft.Resources/deployments/validate/action";
inline constexpr const char* kDeploymentsCancel = "Microsoft.Resources/deployments/cancel/action";
inline constexpr const char* kDeploymentsExport = "Microsoft.Resources/deployments/exportTemplate/action";
inline constexpr const char* kDeploymentOperationsRead = "Microsoft.Resources/deployments/operations/read";

// Spec: "Azure resource provider operations", Microsoft.KeyVault.
inline constexpr const char* kVaultsRead = "Microsoft.KeyVault/vaults/read";
inline constexpr const char* kVaultsWrite = "Microsoft.KeyVault/vaults/write";
inline constexpr const char* kVaultsDelete = "Microsoft.KeyVault/vaults/delete";
inline constexpr const char* kVaultAccessPoliciesWrite = "Microsoft.KeyVault/vaults/accessPolicies/write";
inline constexpr const char* kDeletedVaultsRead = "Microsoft.KeyVault/deletedVaults/read";
inline constexpr const char* kLocationDeletedVaultsRead = "Microsoft.KeyVault/locations/deletedVaults/read";
inline constexpr const char* kDeletedVaultsPurge = "Microsoft.KeyVault/locations/deletedVaults/purge/action";
inline constexpr const char* kVaultNameCheck = "Microsoft.KeyVault/checkNameAvailability/read";

// Spec: "Azure resource provider operations", Microsoft.Compute.
inline constexpr const char* kVmRead = "Microsoft.Compute/virtualMachines/read";
inline constexpr const char* kVmWrite = "Microsoft.Compute/virtualMachines/write";
inline constexpr const char* kVmDelete = "Microsoft.Compute/virtualMachines/delete";
inline constexpr const char* kVmStart = "Microsoft.Compute/virtualMachines/start/action";
inline constexpr const char* kVmPowerOff = "Microsoft.Compute/virtualMachines/powerOff/action";
inline constexpr const char* kVmDeallocate = "Microsoft.Compute/virtualMachines/deallocate/action";
inline constexpr const char* kVmRestart = "Microsoft.Compute/virtualMachines/restart/action";
inline constexpr const char* kVmRedeploy = "Microsoft.Compute/virtualMachines/redeploy/action";
inline constexpr const char* kVmReapply = "Microsoft.Compute/virtualMachines/reapply/action";
inline constexpr const char* kVmRunCommand = "Microsoft.Compute/virtualMachines/runCommand/action";
inline constexpr const char* kVmInstanceViewRead = "Microsoft.Compute/virtualMachines/instanceView/read";
inline constexpr const char* kVmExtensionsRead = "Microsoft.Compute/virtualMachines/extensions/read";
inline constexpr const char* kVmExtensionsWrite = "Microsoft.Compute/virtualMachines/extensions/write";
inline constexpr const char* kVmExtensionsDelete = "Microsoft.Compute/virtualMachines/extensions/delete";
inline constexpr const char* kDisksRead = "Microsoft.Compute/disks/read";
inline constexpr const char* kDisksWrite = "Microsoft.Compute/disks/write";
inline constexpr const char* kDisksDelete = "Microsoft.Compute/disks/delete";
// A VM PUT that creates, attaches or detaches managed disks also needs these on each disk, and
// "join/action" on each NIC it uses (Microsoft.Network/networkInterfaces/join/action).
inline constexpr const char* kNicJoin = "Microsoft.Network/networkInterfaces/join/action";

/// "{Namespace}/register/action" and "{Namespace}/unregister/action".
inline std::string register_provider(const std::string& ns) { return ns + "/register/action"; }
inline std::string unregister_provider(const std::string& ns) { return ns + "/unregister/action"; }
/// "{full type}/{verb}", e.g. ("Microsoft.KeyVault/vaults", "read").
inline std::string resource_action(const std::string& full_type, const char* verb) { return full_type + "/" + verb; }

}  // namespace azemu::arm::actions
