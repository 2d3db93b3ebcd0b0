// Role assignment semantics: create with Azure's validation order (assignment name, caller's write
// access, scope exists, principal id, role definition exists and is assignable there, principal
// exists in the directory, no duplicate), read, delete, and list at a scope with atScope() /
// principalId / assignedTo filters. Every write is one transaction: nothing is half-created.
// Group deletes remove the assignments inside the group through remove_under().
#pragma once

#include "emulator/auth/principal.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/ports/directory.hpp"
#include "emulator/ports/vault_objects.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/authorization/authorizer.hpp"
#include "fake-arm/authorization/rbac_filter.hpp"
#include "fake-arm/authorization/role_assignments/role_assignment_store.hpp"
#include "fake-arm/authorization/role_definitions/role_definition_service.hpp"
#include "fake-arm/authorization/role_scope.hpp"
#include "fake-arm/resources/subscriptions/subscription_service.hpp"

#include <optional>
#include <string>
#include <vector>

namespace azemu::arm {

class RoleAssignmentService {
public:
  RoleAssignmentService(store::Database& db, const exec::Clock& clock, const SubscriptionService& subs,
                        const Authorizer& authz, const RoleDefinitionService& definitions,
                        const ports::Directory& directory, const ports::VaultObjects& vault_objects)
      : db_(db), clock_(clock), subs_(subs), authz_(authz), definitions_(definitions), directory_(directory),
        vault_objects_(vault_objects) {}

  struct PutResult {
    RoleAssignment assignment;
    bool created = false;
  };
  /// Creates the assignment `name` at `scope` (an identical re-PUT only updates description and
  /// condition). Throws InvalidRoleAssignmentId, SubscriptionNotFound, AuthorizationFailed,
  /// ResourceGroupNotFound/ResourceNotFound, InvalidPrincipalId, InvalidRoleDefinitionId,
  /// RoleDefinitionDoesNotExist (400), RoleAssignmentScopeNotAssignableToRoleDefinition,
  /// PrincipalNotFound (400), UnmatchedPrincipalType, RoleAssignmentUpdateNotPermitted (409),
  /// RoleAssignmentExists (409).
  PutResult create(const auth::Principal& caller, const RoleScope& scope, const std::string& name,
                   const RoleAssignmentPut& in) const;
  /// Throws RoleAssignmentNotFound (404) when there is no such assignment at exactly `scope`.
  RoleAssignment get(const auth::Principal& caller, const RoleScope& scope, const std::string& name) const;
  /// The deleted assignment, or nullopt when there was none at `scope` (204).
  std::optional<RoleAssignment> remove(const auth::Principal& caller, const RoleScope& scope,
                                       const std::string& name) const;
  /// Without atScope(): assignments at, above and below `scope`; with it: at and above only.
  std::vector<RoleAssignment> list(const auth::Principal& caller, const RoleScope& scope, const RbacFilter& f) const;

  /// For ResourceGroupService's delete hook (inside its transaction).
  void remove_under(store::Connection& c, const ResourceId& scope) const { store_.remove_under(c, scope.key()); }

private:
  /// Subscription check, then `action` over `target`; returns the canonical (existing) scope. A Key Vault key or
  /// secret scope must name an active object (asked through ports::VaultObjects).
  RoleScope checked_scope(const auth::Principal& caller, const RoleScope& scope, const char* action,
                          const std::string& target) const;
  store::Database& db_;
  const exec::Clock& clock_;
  const SubscriptionService& subs_;
  const Authorizer& authz_;
  const RoleDefinitionService& definitions_;
  const ports::Directory& directory_;
  const ports::VaultObjects& vault_objects_;
  RoleAssignmentStore store_;
};

}  // namespace azemu::arm
