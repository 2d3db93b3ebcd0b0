// RoleScope: where a role assignment or definition lives — the tenant root "/", a subscription, a
// resource group or a resource — plus the one scope-inheritance rule (scope_covers). Parsed from
// route parameters at the edge; canonical_scope() checks the scope exists and fixes its casing.
#pragma once

#include "emulator/http/request.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/core/resource_id.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace azemu::arm {

struct RoleScope {
  std::optional<ResourceId> id;  // nullopt: the tenant root "/"

  bool is_tenant() const { return !id; }
  /// "/" or the canonical id ("/subscriptions/{s}/resourceGroups/{rg}").
  std::string str() const { return id ? id->str() : "/"; }
  /// Lower-cased str(): what arm_role_assignments.scope_key holds.
  std::string key() const { return id ? id->key() : "/"; }
  /// "" at the tenant root.
  std::string subscription_id() const { return id ? id->subscription_id() : ""; }
};

/// Route parameters → scope: subscriptionId, resourceGroupName, namespace, type1/name1 … type3/name3
/// (whichever the matched template has; none of them → tenant root).
RoleScope role_scope_from_params(const http::Request& req);

/// A parsed id as a scope, with the subscription id lower-cased (as role_scope_from_params does).
RoleScope role_scope_of(const ResourceId& id);

/// True when `ancestor_key` is `target_key` or a parent of it on a segment boundary ("/" covers
/// everything). Both are lower-cased paths. Spec: "Understand scope for Azure RBAC" (inheritance).
bool scope_covers(std::string_view ancestor_key, std::string_view target_key);

/// A Key Vault key or secret named by a scope (.../vaults/{vault}/keys/{name} or .../secrets/{name}).
struct VaultObjectScope {
  std::string vault;
  std::string collection;  // "keys" | "secrets", as written in the scope
  std::string name;
};
/// The key or secret `scope` names, or nullopt for any other scope.
std::optional<VaultObjectScope> vault_object_of(const RoleScope& scope);

/// The scope with the stored casing of its group or resource. Throws ResourceGroupNotFound or
/// ResourceNotFound when it does not exist (subscriptions are checked by SubscriptionService). A Key Vault key or
/// secret scope (.../vaults/{v}/keys/{k}, .../secrets/{s}) needs only its vault here: the object itself lives in the
/// Key Vault data plane (RoleAssignmentService asks it through ports::VaultObjects).
RoleScope canonical_scope(store::Connection& c, const RoleScope& scope);

}  // namespace azemu::arm
