// Role assignment semantics; see role_assignment_service.hpp.
#include "fake-arm/authorization/role_assignments/role_assignment_service.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"
#include "fake-arm/authorization/actions.hpp"
#include "fake-arm/errors.hpp"

namespace azemu::arm {

namespace {
std::string assignment_path(const RoleScope& scope, const std::string& name) {
  return scope.str() + "/providers/Microsoft.Authorization/roleAssignments/" + name;
}

void require_name(const std::string& name) {
  if (!ids::is_guid(name)) throw errors::invalid_role_assignment_id(name);
}
}  // namespace

RoleScope RoleAssignmentService::checked_scope(const auth::Principal& caller, const RoleScope& scope,
                                               const char* action, const std::string& target) const {
  subs_.require(caller, scope.subscription_id());
  authz_.authorize(caller, action, target);
  RoleScope at = db_.read([&](store::Connection& c) { return canonical_scope(c, scope); });
  // Decision (not observed for this case): Azure's ARM knows keys and secrets as the proxy types
  // Microsoft.KeyVault/vaults/keys|secrets, so a missing (or soft-deleted) one is treated as any missing resource.
  if (auto o = vault_object_of(at); o && !vault_objects_.exists(o->vault, o->collection, o->name))
    throw errors::resource_not_found(at.id->full_type() + "/" + at.id->full_name(), at.id->resource_group());
  return at;
}

RoleAssignmentService::PutResult RoleAssignmentService::create(const auth::Principal& caller, const RoleScope& scope,
                                                               const std::string& name,
                                                               const RoleAssignmentPut& in) const {
  require_name(name);
  RoleScope at = checked_scope(caller, scope, actions::kRoleAssignmentsWrite, assignment_path(scope, name));
  if (!ids::is_guid(in.principal_id)) throw errors::invalid_principal_id();
  auto role_guid = role_definition_guid(in.role_definition_id);
  if (!role_guid) throw errors::invalid_role_definition_id(in.role_definition_id);
  const std::string principal_id = text::to_lower(in.principal_id);

  // Spec order (observed): the role definition is checked before the principal.
  auto role = db_.read([&](store::Connection& c) { return definitions_.find(c, caller.tenant_id, *role_guid); });
  if (!role) throw errors::role_definition_does_not_exist(*role_guid, false);
  if (role->type == RoleType::custom && !assignable_at(*role, at.key()))
    throw errors::role_not_assignable_at_scope(role->role_name, at.str());
  auto principal = directory_.find_principal(principal_id);
  if (!principal) throw errors::principal_not_found(principal_id, caller.tenant_id);
  if (in.principal_type && !text::iequals(*in.principal_type, principal->type))
    throw errors::unmatched_principal_type(principal_id, principal->type, *in.principal_type);

  return db_.write([&](store::Connection& c) {
    const auto now = clock_.now_unix();
    RoleAssignment a{text::to_lower(name), at.str(), *role_guid, principal_id, principal->type,
                     text::to_lower(caller.tenant_id), in.description, in.condition, in.condition_version,
                     now, now, caller.object_id, caller.object_id};
    if (auto existing = store_.get(c, name)) {
      bool same = text::iequals(existing->scope, a.scope) && existing->role_definition_id == a.role_definition_id &&
                  existing->principal_id == a.principal_id;
      if (!same) throw errors::role_assignment_update_not_permitted();
      existing->description = a.description;
      existing->condition = a.condition;
      existing->condition_version = a.condition_version;
      existing->updated_at = now;
      existing->updated_by = caller.object_id;
      store_.update_details(c, *existing);
      return PutResult{*existing, false};
    }
    if (store_.find_same(c, at.key(), a.role_definition_id, principal_id)) throw errors::role_assignment_exists();
    store_.insert(c, a);
    return PutResult{a, true};
  });
}

RoleAssignment RoleAssignmentService::get(const auth::Principal& caller, const RoleScope& scope,
                                          const std::string& name) const {
  require_name(name);
  RoleScope at = checked_scope(caller, scope, actions::kRoleAssignmentsRead, assignment_path(scope, name));
  auto a = db_.read([&](store::Connection& c) { return store_.get(c, name); });
  if (!a || text::to_lower(a->scope) != at.key()) throw errors::role_assignment_not_found(name);
  return *a;
}

std::optional<RoleAssignment> RoleAssignmentService::remove(const auth::Principal& caller, const RoleScope& scope,
                                                            const std::string& name) const {
  require_name(name);
  RoleScope at = checked_scope(caller, scope, actions::kRoleAssignmentsDelete, assignment_path(scope, name));
  return db_.write([&](store::Connection& c) -> std::optional<RoleAssignment> {
    auto a = store_.get(c, name);
    if (!a || text::to_lower(a->scope) != at.key()) return std::nullopt;
    store_.remove(c, name);
    return a;
  });
}

std::vector<RoleAssignment> RoleAssignmentService::list(const auth::Principal& caller, const RoleScope& scope,
                                                        const RbacFilter& f) const {
  if (f.role_name || f.role_type) throw errors::invalid_filter("roleName/type on roleAssignments");
  RoleScope at = checked_scope(caller, scope, actions::kRoleAssignmentsRead, scope.str());
  const auto& principal = f.principal_id ? f.principal_id : f.assigned_to;  // no groups: assignedTo = principalId
  auto rows = db_.read([&](store::Connection& c) { return store_.list_in_subscription(c, at.subscription_id(), principal); });
  const std::string target = at.key();
  std::vector<RoleAssignment> out;
  for (auto& a : rows) {
    const std::string key = text::to_lower(a.scope);
    bool above_or_at = scope_covers(key, target);
    if (above_or_at || (!f.at_scope && scope_covers(target, key))) out.push_back(std::move(a));
  }
  return out;
}

}  // namespace azemu::arm
