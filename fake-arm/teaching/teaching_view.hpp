// Read-only views of Resource Manager's state for the teaching UI (emulator/ui/): the cloud tree,
// operations in flight, deployments, VMs with the instance view az reads, vaults with their access
// policies and role assignments. fake-arm owns these tables, so the SQL lives here; the UI only
// gets JSON. Nothing here writes, and nothing returns a secret: VM bodies are the GET bodies (no
// adminPassword, no protectedSettings), other resources are reduced to id, type and state.
#pragma once

#include "emulator/ports/vm_runtime.hpp"
#include "emulator/store/database.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace azemu::arm::teaching {

/// {subscriptions:[{id,name,state,providers:[{namespace,state}],groups:[{name,location,
///  resources:[{id,type,name,location,provisioningState}]}]}], operations:[...], deployments:[...]}.
/// Operations: every InProgress one plus the 20 that ended last. Blocks (SQLite).
nlohmann::json cloud(store::Database& db);

/// {vms:[{id,name,resourceGroup,subscription,vmId,powerState,provisioningState,model,instanceView,
///  note}]}: the GET body with instance view of every VM, as `az vm get-instance-view` sees it.
/// Reads the runtime's cached observations only (status(), extension_status()). Blocks (SQLite).
nlohmann::json vms(store::Database& db, ports::VmRuntime& runtime);

/// {vaults:[{id,name,resourceGroup,location,properties (tenantId, sku, enabledFor*, RBAC, soft
///  delete, accessPolicies), roleAssignments:[{scope,role,principalId,principalType}]}],
///  deletedVaults:[{name,location,deletedDate,scheduledPurgeDate,purgeProtection}]}.
nlohmann::json vaults(store::Database& db);

/// {roleAssignments:[{id,scope,roleDefinitionId,roleName,principalId,principalType,createdOn}]}.
nlohmann::json role_assignments(store::Database& db);

}  // namespace azemu::arm::teaching
