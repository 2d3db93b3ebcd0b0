// The authorization check; see authorizer.hpp for the rules.
#include "fake-arm/authorization/authorizer.hpp"

#include "emulator/json/glob.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/authorization/builtin_roles.hpp"
#include "fake-arm/authorization/role_assignments/role_assignment_store.hpp"
#include "fake-arm/authorization/role_scope.hpp"
#include "fake-arm/errors.hpp"

#include <cctype>

namespace azemu::arm {

namespace {

bool any_match(const std::vector<std::string>& patterns, std::string_view action) {
  for (const auto& p : patterns)
    if (text::glob_match(p, action)) return true;
  return false;
}

std::vector<Permission> custom_permissions(const std::string& json) {
  std::vector<Permission> out;
  for (const auto& p : nlohmann::json::parse(json)) out.push_back(permission_from_json(p));
  return out;
}
}  // namespace

bool action_matches(std::string_view pattern, std::string_view action) { return text::glob_match(pattern, action); }

bool permissions_allow(const std::vector<Permission>& permissions, std::string_view action) {
  for (const auto& p : permissions)
    if (any_match(p.actions, action) && !any_match(p.not_actions, action)) return true;
  return false;
}

bool data_permissions_allow(const std::vector<Permission>& permissions, std::string_view data_action) {
  for (const auto& p : permissions)
    if (any_match(p.data_actions, data_action) && !any_match(p.not_data_actions, data_action)) return true;
  return false;
}

bool Grants::allows_data(std::string_view data_action, std::string_view scope) const {
  const std::string target = text::to_lower(scope);
  for (const auto& g : grants_)
    if (scope_covers(g.scope_key, target) && data_permissions_allow(g.permissions, data_action)) return true;
  return false;
}

bool Grants::allows(std::string_view action, std::string_view scope) const {
  const std::string target = text::to_lower(scope);
  for (const auto& g : grants_)
    if (scope_covers(g.scope_key, target) && permissions_allow(g.permissions, action)) return true;
  return false;
}

bool Grants::touches(std::string_view scope) const {
  const std::string target = text::to_lower(scope);
  for (const auto& g : grants_)
    if (scope_covers(g.scope_key, target) || scope_covers(target, g.scope_key)) return true;
  return false;
}

Grants Authorizer::grants(const auth::Principal& caller) const {
  if (caller.object_id.empty()) return Grants({});
  auto rows = db_.read([&](store::Connection& c) { return RoleAssignmentStore().grants_of(c, caller.object_id); });
  std::vector<Grant> out;
  out.reserve(rows.size());
  for (auto& r : rows) {
    if (r.custom_permissions) {
      out.push_back({std::move(r.scope_key), custom_permissions(*r.custom_permissions)});
    } else if (const RoleDefinition* builtin = find_builtin_role(r.role_definition_id)) {
      out.push_back({std::move(r.scope_key), builtin->permissions});
    }
  }
  return Grants(std::move(out));
}

void Authorizer::authorize(const auth::Principal& caller, std::string_view action, std::string_view scope) const {
  require(grants(caller), caller, action, scope);
}

void Authorizer::require(const Grants& grants, const auth::Principal& caller, std::string_view action,
                         std::string_view scope) {
  if (!grants.allows(action, scope)) throw denied(caller, action, scope);
}

AzureError Authorizer::denied(const auth::Principal& caller, std::string_view action, std::string_view scope) {
  // Observed: users are named by UPN, applications by their appId.
  // (a user token's appid is the client app, e.g. az's, so the UPN comes first).
  std::string client = !caller.upn.empty() ? caller.upn : caller.app_id;
  if (client.empty()) client = caller.object_id;
  return errors::authorization_failed(client, caller.object_id, std::string(action), std::string(scope));
}

}  // namespace azemu::arm
