// Role definition semantics: the built-in catalog plus the tenant's custom roles, listed per scope
// (a custom role shows where one of its assignableScopes covers the scope), read by id, and custom
// roles created/updated/deleted with Azure's rules (unique name per directory, assignable scopes
// that exist, write access on each of them, no delete while assigned). Built-ins are read-only.
#pragma once

#include "emulator/auth/principal.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/authorization/authorizer.hpp"
#include "fake-arm/authorization/rbac_filter.hpp"
#include "fake-arm/authorization/role_definitions/role_definition_store.hpp"
#include "fake-arm/authorization/role_scope.hpp"
#include "fake-arm/resources/subscriptions/subscription_service.hpp"

#include <optional>
#include <string>
#include <vector>

namespace azemu::arm {

class RoleDefinitionService {
public:
  RoleDefinitionService(store::Database& db, const exec::Clock& clock, const SubscriptionService& subs,
                        const Authorizer& authz)
      : db_(db), clock_(clock), subs_(subs), authz_(authz) {}

  /// Definitions usable at `scope`, filtered by roleName / type. The tenant root needs no role;
  /// other scopes need roleDefinitions/read. Throws SubscriptionNotFound, ResourceGroupNotFound,
  /// ResourceNotFound, InvalidFilterInQueryString, AuthorizationFailed.
  std::vector<RoleDefinition> list(const auth::Principal& caller, const RoleScope& scope, const RbacFilter& f) const;
  /// Throws RoleDefinitionDoesNotExist (404) besides the list errors.
  RoleDefinition get(const auth::Principal& caller, const RoleScope& scope, const std::string& id) const;

  struct PutResult {
    RoleDefinition definition;
    bool created = false;
  };
  /// Creates or replaces a custom role. Throws InvalidRoleDefinitionId, CannotModifyBuiltInRole,
  /// InvalidRoleDefinition, InvalidAssignableScope, RoleDefinitionWithSameNameExists (409),
  /// AuthorizationFailed (route scope and every assignable scope), InvalidRequestContent.
  PutResult create_or_update(const auth::Principal& caller, const RoleScope& scope, const std::string& id,
                             const RoleDefinitionPut& in) const;
  /// The deleted role, or nullopt when there was none (204). Throws CannotModifyBuiltInRole,
  /// RoleDefinitionHasAssignments (409), AuthorizationFailed.
  std::optional<RoleDefinition> remove(const auth::Principal& caller, const RoleScope& scope,
                                       const std::string& id) const;

  /// For role assignments, inside their transaction: the built-in or the tenant's custom role.
  std::optional<RoleDefinition> find(store::Connection& c, const std::string& tenant_id, const std::string& id) const;

private:
  RoleScope checked_scope(const auth::Principal& caller, const RoleScope& scope, const char* action) const;
  std::vector<std::string> checked_assignable_scopes(const auth::Principal& caller, const Grants& grants,
                                                     const std::vector<std::string>& scopes) const;
  store::Database& db_;
  const exec::Clock& clock_;
  const SubscriptionService& subs_;
  const Authorizer& authz_;
  RoleDefinitionStore store_;
};

/// True when one of the role's assignable scopes is `scope_key` or a parent of it.
bool assignable_at(const RoleDefinition& d, const std::string& scope_key);

}  // namespace azemu::arm
