// Role definition semantics; see role_definition_service.hpp.
#include "fake-arm/authorization/role_definitions/role_definition_service.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"
#include "fake-arm/authorization/actions.hpp"
#include "fake-arm/authorization/builtin_roles.hpp"
#include "fake-arm/authorization/role_assignments/role_assignment_store.hpp"
#include "fake-arm/errors.hpp"

namespace azemu::arm {

namespace {
bool keep(const RoleDefinition& d, const RbacFilter& f) {
  if (f.role_name && !text::iequals(d.role_name, *f.role_name)) return false;
  if (f.role_type && !text::iequals(to_string(d.type), *f.role_type)) return false;
  return true;
}

std::string require_guid(const std::string& id) {
  if (!ids::is_guid(id)) throw errors::invalid_role_definition_id(id);
  return text::to_lower(id);
}
}  // namespace

bool assignable_at(const RoleDefinition& d, const std::string& scope_key) {
  for (const auto& s : d.assignable_scopes)
    if (scope_covers(text::to_lower(s), scope_key)) return true;
  return false;
}

RoleScope RoleDefinitionService::checked_scope(const auth::Principal& caller, const RoleScope& scope,
                                               const char* action) const {
  if (scope.is_tenant()) return scope;  // Decision: definitions at "/" are readable by any caller of the tenant
  subs_.require(caller, scope.subscription_id());
  authz_.authorize(caller, action, scope.str());
  return db_.read([&](store::Connection& c) { return canonical_scope(c, scope); });
}

std::vector<RoleDefinition> RoleDefinitionService::list(const auth::Principal& caller, const RoleScope& scope,
                                                        const RbacFilter& f) const {
  if (f.at_scope || f.principal_id || f.assigned_to) throw errors::invalid_filter("atScope()/principalId on roleDefinitions");
  RoleScope at = checked_scope(caller, scope, actions::kRoleDefinitionsRead);
  std::vector<RoleDefinition> out;
  for (const auto& d : builtin_roles())
    if (keep(d, f)) out.push_back(d);
  auto custom = db_.read([&](store::Connection& c) { return store_.list(c, caller.tenant_id); });
  for (auto& d : custom)
    if ((at.is_tenant() || assignable_at(d, at.key())) && keep(d, f)) out.push_back(std::move(d));
  return out;
}

std::optional<RoleDefinition> RoleDefinitionService::find(store::Connection& c, const std::string& tenant_id,
                                                          const std::string& id) const {
  if (const RoleDefinition* b = find_builtin_role(id)) return *b;
  auto d = store_.get(c, id);
  if (!d || !text::iequals(d->tenant_id, tenant_id)) return std::nullopt;
  return d;
}

RoleDefinition RoleDefinitionService::get(const auth::Principal& caller, const RoleScope& scope,
                                          const std::string& id) const {
  checked_scope(caller, scope, actions::kRoleDefinitionsRead);
  auto d = db_.read([&](store::Connection& c) { return find(c, caller.tenant_id, id); });
  if (!d) throw errors::role_definition_does_not_exist(id, true);
  return *d;
}

std::vector<std::string> RoleDefinitionService::checked_assignable_scopes(const auth::Principal& caller,
                                                                          const Grants& grants,
                                                                          const std::vector<std::string>& scopes) const {
  if (scopes.empty()) throw errors::invalid_role_definition("assignableScopes must name at least one scope.");
  std::vector<std::string> out;
  for (const auto& raw : scopes) {
    // Spec: custom roles cannot use the root scope "/" (learn.microsoft.com, role definitions).
    auto id = ResourceId::parse(raw);
    if (!id || !ids::is_guid(id->subscription_id())) throw errors::invalid_assignable_scope(raw);
    subs_.require(caller, id->subscription_id());
    RoleScope canonical = db_.read([&](store::Connection& c) { return canonical_scope(c, role_scope_of(*id)); });
    Authorizer::require(grants, caller, actions::kRoleDefinitionsWrite, canonical.str());
    out.push_back(canonical.str());
  }
  return out;
}

RoleDefinitionService::PutResult RoleDefinitionService::create_or_update(const auth::Principal& caller,
                                                                         const RoleScope& scope, const std::string& id,
                                                                         const RoleDefinitionPut& in) const {
  const std::string guid = require_guid(id);
  if (find_builtin_role(guid)) throw errors::cannot_modify_built_in_role(guid);
  subs_.require(caller, scope.subscription_id());
  const Grants grants = authz_.grants(caller);
  Authorizer::require(grants, caller, actions::kRoleDefinitionsWrite, scope.str());
  if (in.type && !text::iequals(*in.type, "CustomRole"))
    throw errors::invalid_role_definition("type must be 'CustomRole'.");
  if (in.role_name.empty()) throw errors::invalid_role_definition("roleName is required.");
  if (find_builtin_role_by_name(in.role_name)) throw errors::role_definition_with_same_name_exists();
  std::vector<std::string> scopes = checked_assignable_scopes(caller, grants, in.assignable_scopes);

  return db_.write([&](store::Connection& c) {
    const auto now = clock_.now_unix();
    auto existing = store_.get(c, guid);
    if (existing && !text::iequals(existing->tenant_id, caller.tenant_id))
      throw errors::invalid_role_definition("the role definition id is in use in another directory.");
    auto same_name = store_.id_with_name(c, caller.tenant_id, in.role_name);
    if (same_name && *same_name != guid) throw errors::role_definition_with_same_name_exists();
    RoleDefinition d = existing ? *existing : RoleDefinition{};
    d.id = guid;
    d.tenant_id = text::to_lower(caller.tenant_id);
    d.role_name = in.role_name;
    d.type = RoleType::custom;
    d.description = in.description;
    d.assignable_scopes = scopes;
    d.permissions = in.permissions;
    if (!existing) {
      d.created_at = now;
      d.created_by = caller.object_id;
    }
    d.updated_at = now;
    d.updated_by = caller.object_id;
    store_.upsert(c, d);
    return PutResult{d, !existing};
  });
}

std::optional<RoleDefinition> RoleDefinitionService::remove(const auth::Principal& caller, const RoleScope& scope,
                                                            const std::string& id) const {
  const std::string guid = require_guid(id);
  if (find_builtin_role(guid)) throw errors::cannot_modify_built_in_role(guid);
  subs_.require(caller, scope.subscription_id());
  authz_.authorize(caller, actions::kRoleDefinitionsDelete, scope.str());
  return db_.write([&](store::Connection& c) -> std::optional<RoleDefinition> {
    auto d = store_.get(c, guid);
    if (!d || !text::iequals(d->tenant_id, caller.tenant_id)) return std::nullopt;
    if (RoleAssignmentStore().role_in_use(c, guid)) throw errors::role_definition_has_assignments(guid);
    store_.remove(c, guid);
    return d;
  });
}

}  // namespace azemu::arm
