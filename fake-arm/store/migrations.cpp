// Schema of every arm_* table (component "arm"). Append-only: a shipped migration is never
// edited; the next change is version 2. Times are unix seconds (UTC); ids and names used as keys
// are stored lower-cased next to their original spelling, because ARM compares them ignoring case.
#include "fake-arm/mount.hpp"

namespace azemu::arm {

std::vector<store::Migration> migrations() {
  return {{"arm", 1, R"sql(
CREATE TABLE arm_subscriptions (
  subscription_id TEXT PRIMARY KEY,           -- lower-case GUID
  tenant_id       TEXT NOT NULL,
  display_name    TEXT NOT NULL,
  state           TEXT NOT NULL DEFAULT 'Enabled',
  created_at      INTEGER NOT NULL
) STRICT;

-- One row per (subscription, namespace) that has left its default state (see providers_catalog.cpp).
CREATE TABLE arm_provider_registrations (
  subscription_id TEXT NOT NULL REFERENCES arm_subscriptions(subscription_id) ON DELETE CASCADE,
  namespace_key   TEXT NOT NULL,              -- lower case
  state           TEXT NOT NULL,              -- Registered | Unregistered
  changed_at      INTEGER NOT NULL,
  PRIMARY KEY (subscription_id, namespace_key)
) STRICT;

CREATE TABLE arm_resource_groups (
  subscription_id TEXT NOT NULL REFERENCES arm_subscriptions(subscription_id) ON DELETE CASCADE,
  name_key        TEXT NOT NULL,              -- lower case
  name            TEXT NOT NULL,              -- as first created
  location        TEXT NOT NULL,              -- normalised ("westus")
  tags            TEXT NOT NULL DEFAULT '{}', -- JSON object
  managed_by      TEXT,
  created_at      INTEGER NOT NULL,
  changed_at      INTEGER NOT NULL,
  PRIMARY KEY (subscription_id, name_key)
) STRICT;

-- Every provider resource, whatever its type: indexed columns + the full ARM body as JSON.
-- Deleting a group removes its resources (cascade) in the same transaction.
CREATE TABLE arm_resources (
  id_key          TEXT PRIMARY KEY,           -- lower-cased full id
  id              TEXT NOT NULL,              -- as printed
  subscription_id TEXT NOT NULL REFERENCES arm_subscriptions(subscription_id) ON DELETE CASCADE,
  group_key       TEXT,                       -- lower case; NULL at subscription scope
  namespace_key   TEXT NOT NULL,              -- "microsoft.keyvault"
  type_key        TEXT NOT NULL,              -- "microsoft.keyvault/vaults"
  type            TEXT NOT NULL,              -- "Microsoft.KeyVault/vaults"
  name            TEXT NOT NULL,              -- last id segment
  parent_key      TEXT NOT NULL,              -- lower-cased parent id (group or parent resource)
  location        TEXT NOT NULL,
  tags            TEXT NOT NULL DEFAULT '{}',
  body            TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  changed_at      INTEGER NOT NULL,
  FOREIGN KEY (subscription_id, group_key) REFERENCES arm_resource_groups(subscription_id, name_key) ON DELETE CASCADE
) STRICT;
CREATE INDEX arm_resources_by_group ON arm_resources(subscription_id, group_key);
CREATE INDEX arm_resources_by_type ON arm_resources(subscription_id, type_key);
CREATE INDEX arm_resources_by_parent ON arm_resources(parent_key);

-- Long-running operations (see core/async_operations.hpp for the state machine).
CREATE TABLE arm_operations (
  id              TEXT PRIMARY KEY,           -- GUID
  subscription_id TEXT NOT NULL,
  namespace       TEXT NOT NULL,              -- "Microsoft.Resources"
  location        TEXT NOT NULL,
  kind            TEXT NOT NULL,              -- "resourceGroupDelete", "virtualMachineCreate", ...
  status          TEXT NOT NULL,              -- InProgress | Succeeded | Failed | Canceled
  resource_id     TEXT,
  result          TEXT,                       -- JSON body for the final GET, if any
  error           TEXT,                       -- JSON {"code","message"} when Failed
  percent         REAL NOT NULL DEFAULT 0,
  started_at      INTEGER NOT NULL,
  ended_at        INTEGER
) STRICT;

-- Role assignments (data only; enforcement is a later issue).
CREATE TABLE arm_role_assignments (
  id                 TEXT PRIMARY KEY,        -- assignment name (GUID)
  scope_key          TEXT NOT NULL,           -- lower-cased scope id
  scope              TEXT NOT NULL,
  role_definition_id TEXT NOT NULL,           -- GUID of the role definition
  principal_id       TEXT NOT NULL,
  principal_type     TEXT NOT NULL,           -- User | ServicePrincipal | Group
  created_at         INTEGER NOT NULL
) STRICT;
CREATE INDEX arm_role_assignments_by_scope ON arm_role_assignments(scope_key);
)sql"},
          // 2: RBAC. Assignments gain the fields ARM returns and an index on principal_id (the
          // authorizer's one query per request); principal and role ids are compared lower-cased.
          // Custom role definitions get their own table (built-ins live in authorization/builtin_roles.cpp).
          {"arm", 2, R"sql(
ALTER TABLE arm_role_assignments ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE arm_role_assignments ADD COLUMN created_by TEXT;
ALTER TABLE arm_role_assignments ADD COLUMN updated_by TEXT;
ALTER TABLE arm_role_assignments ADD COLUMN description TEXT;
ALTER TABLE arm_role_assignments ADD COLUMN condition TEXT;
ALTER TABLE arm_role_assignments ADD COLUMN condition_version TEXT;
ALTER TABLE arm_role_assignments ADD COLUMN tenant_id TEXT NOT NULL DEFAULT '';
UPDATE arm_role_assignments SET principal_id = lower(principal_id), role_definition_id = lower(role_definition_id),
  updated_at = created_at;
UPDATE arm_role_assignments SET tenant_id = (SELECT s.tenant_id FROM arm_subscriptions s
  WHERE substr(arm_role_assignments.scope_key, 1, length('/subscriptions/' || s.subscription_id)) = '/subscriptions/' || s.subscription_id)
  WHERE tenant_id = '';
CREATE INDEX arm_role_assignments_by_principal ON arm_role_assignments(principal_id);
-- One assignment per (scope, role, principal): a second one is RoleAssignmentExists.
CREATE UNIQUE INDEX arm_role_assignments_unique ON arm_role_assignments(scope_key, role_definition_id, principal_id);

CREATE TABLE arm_role_definitions (
  id                TEXT PRIMARY KEY,         -- lower-case GUID (the definition's "name")
  tenant_id         TEXT NOT NULL,            -- custom roles belong to one directory
  role_name         TEXT NOT NULL,
  role_name_key     TEXT NOT NULL,            -- lower case; unique per tenant
  description       TEXT NOT NULL DEFAULT '',
  assignable_scopes TEXT NOT NULL,            -- JSON array of scope ids
  permissions       TEXT NOT NULL,            -- JSON array of {actions,notActions,dataActions,notDataActions}
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  created_by        TEXT,
  updated_by        TEXT,
  UNIQUE (tenant_id, role_name_key)
) STRICT;
)sql"},
          // 3: Microsoft.KeyVault soft-deleted vaults (active vaults are arm_resources rows). Vault
          // names are global, so the name is the key; the row outlives its resource group.
          {"arm", 3, R"sql(
CREATE TABLE arm_deleted_vaults (
  name_key           TEXT PRIMARY KEY,        -- lower-cased vault name
  name               TEXT NOT NULL,
  subscription_id    TEXT NOT NULL REFERENCES arm_subscriptions(subscription_id) ON DELETE CASCADE,
  location           TEXT NOT NULL,
  vault_id           TEXT NOT NULL,           -- the vault's resource id when it was deleted
  body               TEXT NOT NULL,           -- the vault's stored ARM body, restored by recover
  deleted_at         INTEGER NOT NULL,
  scheduled_purge_at INTEGER NOT NULL,        -- deleted_at + retention days; rows past it are purged
  purge_protection   INTEGER NOT NULL
) STRICT;
CREATE INDEX arm_deleted_vaults_by_subscription ON arm_deleted_vaults(subscription_id);
)sql"},
          // 4: template deployments (fake-arm/deployments/) at resource-group and subscription scope,
          // and their per-resource operations. A group's deployments go with the group (cascade).
          // Times are unix milliseconds: ARM prints durations like "PT1.2345S".
          {"arm", 4, R"sql(
CREATE TABLE arm_deployments (
  id_key          TEXT PRIMARY KEY,           -- lower-cased full id
  id              TEXT NOT NULL,              -- as printed
  subscription_id TEXT NOT NULL REFERENCES arm_subscriptions(subscription_id) ON DELETE CASCADE,
  group_key       TEXT,                       -- lower case; NULL at subscription scope
  location        TEXT,                       -- subscription scope only
  state           TEXT NOT NULL,              -- Accepted | Running | Succeeded | Failed | Canceled
  operation_id    TEXT NOT NULL,              -- arm_operations row the PUT's poller reads
  body            TEXT NOT NULL,              -- JSON: template, reported parameters, mode, outputs, error, ...
  started_ms      INTEGER NOT NULL,
  changed_ms      INTEGER NOT NULL,
  ended_ms        INTEGER,
  FOREIGN KEY (subscription_id, group_key) REFERENCES arm_resource_groups(subscription_id, name_key) ON DELETE CASCADE
) STRICT;
CREATE INDEX arm_deployments_by_scope ON arm_deployments(subscription_id, group_key);
CREATE INDEX arm_deployments_by_state ON arm_deployments(state);

CREATE TABLE arm_deployment_operations (
  deployment_key  TEXT NOT NULL REFERENCES arm_deployments(id_key) ON DELETE CASCADE,
  operation_id    TEXT NOT NULL,              -- 16 upper-case hex digits, as ARM prints them
  seq             INTEGER NOT NULL,           -- order of recording
  body            TEXT NOT NULL,              -- JSON: provisioningOperation, state, status, target
  started_ms      INTEGER NOT NULL,
  changed_ms      INTEGER NOT NULL,
  PRIMARY KEY (deployment_key, operation_id)
) STRICT;
)sql"},
          // 5: Microsoft.Compute state that is not part of an ARM body: a VM's power state (the
          // instance view's PowerState/*) and an extension's sequence number and protected settings
          // (never served on GET). Rows go with their resource (cascade from arm_resources).
          {"arm", 5, R"sql(
CREATE TABLE arm_compute_vm_state (
  id_key          TEXT PRIMARY KEY REFERENCES arm_resources(id_key) ON DELETE CASCADE,
  power_state     TEXT NOT NULL,              -- starting | running | stopping | stopped | deallocating | deallocated
  changed_at      INTEGER NOT NULL
) STRICT;

CREATE TABLE arm_compute_extension_state (
  id_key             TEXT PRIMARY KEY REFERENCES arm_resources(id_key) ON DELETE CASCADE,
  sequence_number    INTEGER NOT NULL,        -- increments on every settings change
  protected_settings TEXT NOT NULL DEFAULT '{}',  -- JSON object, as the client sent it
  changed_at         INTEGER NOT NULL
) STRICT;
)sql"},
          // 6: why a VM is not in the power state it was left in (azemu restarted and could not boot
          // its guest again); shown in the instance view's PowerState status, cleared by any transition.
          {"arm", 6, R"sql(
ALTER TABLE arm_compute_vm_state ADD COLUMN note TEXT NOT NULL DEFAULT '';
)sql"}};
}

}  // namespace azemu::arm
