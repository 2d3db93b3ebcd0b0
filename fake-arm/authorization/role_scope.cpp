// RoleScope parsing, inheritance and existence; see role_scope.hpp.
#include "fake-arm/authorization/role_scope.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/core/resource_store.hpp"
#include "fake-arm/errors.hpp"
#include "fake-arm/resources/resource_groups/resource_group_store.hpp"

namespace azemu::arm {

namespace {
const std::string* param(const http::Request& req, const std::string& name) {
  auto it = req.params.find(name);
  return it == req.params.end() ? nullptr : &it->second;
}

/// Microsoft.KeyVault/vaults/{v}/keys/{k} or .../secrets/{s}: a role scope Azure accepts for one key or secret.
bool is_vault_object(const ResourceId& id) {
  const auto& segs = id.segments();
  return segs.size() == 2 && text::iequals(id.provider_namespace(), "Microsoft.KeyVault") &&
         text::iequals(segs[0].type, "vaults") && (text::iequals(segs[1].type, "keys") || text::iequals(segs[1].type, "secrets"));
}
}  // namespace

RoleScope role_scope_from_params(const http::Request& req) {
  const std::string* raw_sub = param(req, "subscriptionId");
  if (!raw_sub) return {};
  // Subscription ids are GUIDs ARM prints lower-case; role definition ids built from them must
  // compare equal as strings (az maps roleDefinitionId → roleName with a dict lookup).
  const std::string lowered = text::to_lower(*raw_sub);
  const std::string* sub = &lowered;
  const std::string* group = param(req, "resourceGroupName");
  if (!group) return {ResourceId::subscription(*sub)};
  const std::string* ns = param(req, "namespace");
  if (!ns) return {ResourceId::resource_group(*sub, *group)};
  ResourceId id = ResourceId::resource(*sub, *group, *ns, req.param("type1"), req.param("name1"));
  for (const char* depth : {"2", "3"}) {
    const std::string* type = param(req, std::string("type") + depth);
    if (!type) break;
    id = id.child(*type, req.param(std::string("name") + depth));
  }
  return {id};
}

RoleScope role_scope_of(const ResourceId& id) {
  const std::string sub = text::to_lower(id.subscription_id());
  if (id.is_subscription()) return {ResourceId::subscription(sub)};
  if (id.is_resource_group()) return {ResourceId::resource_group(sub, id.resource_group())};
  const auto& segs = id.segments();
  ResourceId out = ResourceId::resource(sub, id.resource_group(), id.provider_namespace(), segs[0].type, segs[0].name);
  for (std::size_t i = 1; i < segs.size(); ++i) out = out.child(segs[i].type, segs[i].name);
  return {out};
}

std::optional<VaultObjectScope> vault_object_of(const RoleScope& scope) {
  if (!scope.id || !is_vault_object(*scope.id)) return std::nullopt;
  const auto& segs = scope.id->segments();
  return VaultObjectScope{segs[0].name, segs[1].type, segs[1].name};
}

bool scope_covers(std::string_view ancestor_key, std::string_view target_key) {
  if (ancestor_key == "/" || ancestor_key.empty()) return true;
  if (target_key.size() < ancestor_key.size() || target_key.substr(0, ancestor_key.size()) != ancestor_key) return false;
  return target_key.size() == ancestor_key.size() || target_key[ancestor_key.size()] == '/';
}

RoleScope canonical_scope(store::Connection& c, const RoleScope& scope) {
  if (!scope.id || scope.id->is_subscription()) return scope;
  const ResourceId& id = *scope.id;
  auto group = ResourceGroupStore().get(c, id.subscription_id(), id.resource_group());
  if (!group) throw errors::resource_group_not_found(id.resource_group());
  if (id.is_resource_group()) return {group->id()};
  auto resource = ResourceStore().get(c, id);
  if (resource) return {resource->id};
  if (is_vault_object(id)) {
    // Keys and secrets are Key Vault data-plane rows, not ARM resources here (Azure's ARM knows them as the proxy
    // types Microsoft.KeyVault/vaults/keys|secrets, and the RBAC guide assigns roles at that scope): the vault must
    // exist here; the object is checked through ports::VaultObjects by the caller that has the port.
    if (auto vault = ResourceStore().get(c, id.parent()))
      return {vault->id.child(id.segments()[1].type, id.segments()[1].name)};
  }
  throw errors::resource_not_found(id.full_type() + "/" + id.full_name(), group->name);
}

}  // namespace azemu::arm
