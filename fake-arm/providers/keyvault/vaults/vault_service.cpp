// Vault semantics; see vault_service.hpp for the lifecycle and the rules.
#include "fake-arm/providers/keyvault/vaults/vault_service.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/authorization/actions.hpp"
#include "fake-arm/core/locations.hpp"
#include "fake-arm/errors.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace azemu::arm {

namespace {
constexpr std::int64_t kDay = 86400;
constexpr std::size_t kMaxAccessPolicies = 1024;  // Spec: VaultProperties.accessPolicies maxItems

template <std::size_t N>
bool in_list(const std::array<std::string_view, N>& list, const std::string& p) {
  return std::any_of(list.begin(), list.end(), [&](std::string_view v) { return text::iequals(v, p); });
}

bool is_guid(const std::string& s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

void check_permissions(const std::vector<std::string>& ps, bool (*valid)(const std::string&), const std::string& where) {
  for (std::size_t i = 0; i < ps.size(); ++i)
    if (!valid(ps[i])) throw errors::invalid_permission(where + "[" + std::to_string(i) + "]", ps[i]);
}

void validate_policies(const std::vector<AccessPolicy>& policies) {
  if (policies.size() > kMaxAccessPolicies)
    throw errors::invalid_vault_parameter("The number of access policies exceeds the maximum of 1024.");
  for (std::size_t i = 0; i < policies.size(); ++i) {
    const AccessPolicy& p = policies[i];
    const std::string where = "accessPolicies[" + std::to_string(i) + "]";
    if (!is_guid(p.tenant_id)) throw errors::invalid_vault_parameter("Invalid value found at " + where + ".tenantId: " + p.tenant_id);
    if (p.object_id.empty()) throw errors::invalid_vault_parameter("The parameter " + where + ".objectId is required.");
    if (!p.application_id.empty() && !is_guid(p.application_id))
      throw errors::invalid_vault_parameter("Invalid value found at " + where + ".applicationId: " + p.application_id);
    check_permissions(p.keys, valid_key_permission, where + ".permissions.keys");
    check_permissions(p.secrets, valid_secret_permission, where + ".permissions.secrets");
    check_permissions(p.certificates, valid_certificate_permission, where + ".permissions.certificates");
    check_permissions(p.storage, valid_storage_permission, where + ".permissions.storage");
  }
}

bool same_identity(const AccessPolicy& a, const AccessPolicy& b) {
  return text::iequals(a.object_id, b.object_id) && text::iequals(a.application_id, b.application_id);
}

bool contains_ci(const std::vector<std::string>& list, const std::string& p) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& v) { return text::iequals(v, p); });
}

void merge_into(std::vector<std::string>& into, const std::vector<std::string>& add) {
  for (const auto& p : add)
    if (!contains_ci(into, p)) into.push_back(p);
}

void subtract_from(std::vector<std::string>& from, const std::vector<std::string>& remove) {
  std::erase_if(from, [&](const std::string& p) { return contains_ci(remove, p); });
}

bool no_permissions(const AccessPolicy& p) {
  return p.keys.empty() && p.secrets.empty() && p.certificates.empty() && p.storage.empty();
}

std::string sku_of(const VaultInput& in) {
  if (in.sku_family && !text::iequals(*in.sku_family, "A"))
    throw errors::invalid_vault_parameter("Invalid value found at properties.sku.family: " + *in.sku_family);
  if (!in.sku_name || (!text::iequals(*in.sku_name, "standard") && !text::iequals(*in.sku_name, "premium")))
    throw errors::invalid_vault_parameter("Invalid value found at properties.sku.name: " + in.sku_name.value_or(""));
  return text::to_lower(*in.sku_name);
}

std::string network_access_of(const std::string& given) {
  if (text::iequals(given, "enabled")) return "Enabled";
  if (text::iequals(given, "disabled")) return "Disabled";
  throw errors::invalid_vault_parameter("Invalid value found at properties.publicNetworkAccess: " + given);
}

/// The settings PUT and PATCH share; `full` (PUT) resets absent booleans to their defaults.
void apply_settings(Vault& v, const VaultInput& in, bool creating, bool full) {
  if (in.tenant_id) {
    if (!is_guid(*in.tenant_id)) throw errors::invalid_vault_parameter("Invalid value found at properties.tenantId: " + *in.tenant_id);
    v.tenant_id = *in.tenant_id;
  }
  if (in.sku_name || in.sku_family) v.sku = sku_of(in);
  if (in.enable_soft_delete && !*in.enable_soft_delete) throw errors::soft_delete_cannot_be_disabled();
  // Observed: ARM refuses an explicit false even where protection was never on (terraform omits it).
  if (in.enable_purge_protection && !*in.enable_purge_protection) throw errors::purge_protection_cannot_be_disabled();
  if (in.enable_purge_protection) v.enable_purge_protection = true;
  if (in.soft_delete_retention_days) {
    const int days = *in.soft_delete_retention_days;
    if (days < 7 || days > 90) throw errors::retention_days_out_of_range();
    if (!creating && days != v.soft_delete_retention_days) throw errors::retention_days_immutable();
    v.soft_delete_retention_days = days;
  }
  if (in.access_policies) {
    validate_policies(*in.access_policies);
    v.access_policies = *in.access_policies;
  }
  auto set = [&](bool& field, const std::optional<bool>& given) {
    if (given) field = *given;
    else if (full) field = false;
  };
  set(v.enabled_for_deployment, in.enabled_for_deployment);
  set(v.enabled_for_disk_encryption, in.enabled_for_disk_encryption);
  set(v.enabled_for_template_deployment, in.enabled_for_template_deployment);
  set(v.enable_rbac_authorization, in.enable_rbac_authorization);
  if (in.public_network_access) v.public_network_access = network_access_of(*in.public_network_access);
  else if (full) v.public_network_access = "Enabled";
  if (in.network_acls) v.network_acls = in.network_acls;
  else if (full) v.network_acls.reset();
  if (in.tags) v.tags = *in.tags;
  else if (full) v.tags = nlohmann::json::object();
}

std::string caller_name(const auth::Principal& p) { return !p.upn.empty() ? p.upn : (!p.app_id.empty() ? p.app_id : p.object_id); }
}  // namespace

bool valid_vault_name(const std::string& name) {
  if (name.size() < 3 || name.size() > 24) return false;
  if (!std::isalpha(static_cast<unsigned char>(name.front()))) return false;
  if (!std::isalnum(static_cast<unsigned char>(name.back()))) return false;
  for (unsigned char c : name)
    if (!std::isalnum(c) && c != '-') return false;
  return name.find("--") == std::string::npos;
}

bool valid_key_permission(const std::string& p) {
  static constexpr std::array<std::string_view, 21> k = {
      "all", "backup", "create", "decrypt", "delete", "encrypt", "get", "getrotationpolicy", "import", "list", "purge",
      "recover", "release", "restore", "rotate", "setrotationpolicy", "sign", "unwrapKey", "update", "verify", "wrapKey"};
  return in_list(k, p);
}
bool valid_secret_permission(const std::string& p) {
  static constexpr std::array<std::string_view, 9> k = {"all", "backup", "delete", "get", "list",
                                                        "purge", "recover", "restore", "set"};
  return in_list(k, p);
}
bool valid_certificate_permission(const std::string& p) {
  static constexpr std::array<std::string_view, 17> k = {
      "all", "backup", "create", "delete", "deleteissuers", "get", "getissuers", "import", "list", "listissuers",
      "managecontacts", "manageissuers", "purge", "recover", "restore", "setissuers", "update"};
  return in_list(k, p);
}
bool valid_storage_permission(const std::string& p) {
  static constexpr std::array<std::string_view, 15> k = {
      "all", "backup", "delete", "deletesas", "get", "getsas", "list", "listsas", "purge", "recover", "regeneratekey",
      "restore", "set", "setsas", "update"};
  return in_list(k, p);
}

void VaultService::stamp(Vault& v, const auth::Principal& caller, std::int64_t now, bool created) const {
  const std::string type = caller.kind == auth::PrincipalKind::user ? "User" : "Application";
  if (created) v.system_data.created_by = caller_name(caller), v.system_data.created_by_type = type, v.system_data.created_at = now;
  v.system_data.last_modified_by = caller_name(caller);
  v.system_data.last_modified_by_type = type;
  v.system_data.last_modified_at = now;
}

VaultService::PutResult VaultService::create_or_update(const auth::Principal& caller, const std::string& sub,
                                                       const std::string& group, const std::string& name,
                                                       const VaultInput& in) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kVaultsWrite, ResourceId::resource(s.id, group, kVaultNamespace, "vaults", name).str());
  if (!valid_vault_name(name)) throw errors::vault_name_not_valid(name);
  const bool recover = in.create_mode && text::iequals(*in.create_mode, "recover");
  if (in.create_mode && !recover && !text::iequals(*in.create_mode, "default"))
    throw errors::invalid_vault_parameter("Invalid value found at properties.createMode: " + *in.create_mode);
  if (!in.location || in.location->empty()) throw errors::location_required();
  auto location = find_location(*in.location);
  if (!location) throw errors::location_not_available_for_resource_type(*in.location, kVaultType, location_names_joined());

  return db_.write([&](store::Connection& c) {
    const auto now = clock_.now_unix();
    store_.purge_expired(c, now);
    auto g = groups_.get(c, s.id, group);
    if (!g) throw errors::resource_group_not_found(group);
    auto existing = store_.find_by_name(c, name);
    const ResourceId id = existing ? existing->id : ResourceId::resource(s.id, g->name, kVaultNamespace, "vaults", name);
    if (existing && !(existing->id == ResourceId::resource(s.id, g->name, kVaultNamespace, "vaults", name)))
      throw errors::vault_already_exists(name);

    PutResult r;
    if (existing) {
      // Observed: a recover PUT on an active vault is an ordinary update.
      if (existing->location != location->name)
        throw errors::invalid_resource_location(existing->name(), existing->location, g->name, location->name);
      r.vault = *existing;
      if (!in.tenant_id) throw errors::invalid_vault_parameter("The parameter properties.tenantId is required.");
      if (!in.sku_name) throw errors::invalid_vault_parameter("The parameter properties.sku is required.");
      apply_settings(r.vault, in, false, true);
      stamp(r.vault, caller, now, false);
    } else if (recover) {
      auto deleted = store_.find_deleted(c, name, now);
      if (!deleted || !text::iequals(deleted->vault.id.subscription_id(), s.id)) throw errors::soft_deleted_vault_does_not_exist();
      // Spec: recover restores the vault as it was; the request's other properties are ignored
      // (azure-rest-api-specs #21306). It lands in the group named by the PUT.
      r.vault = deleted->vault;
      r.vault.id = ResourceId::resource(s.id, g->name, kVaultNamespace, "vaults", deleted->vault.name());
      stamp(r.vault, caller, now, false);
      store_.remove_deleted(c, name);
      r.created = r.recovered = true;
    } else {
      if (store_.find_deleted(c, name, now)) throw errors::vault_exists_in_deleted_state();
      if (!in.tenant_id) throw errors::invalid_vault_parameter("The parameter properties.tenantId is required.");
      if (!in.sku_name) throw errors::invalid_vault_parameter("The parameter properties.sku is required.");
      r.vault.id = id;
      r.vault.location = location->name;
      apply_settings(r.vault, in, true, true);
      stamp(r.vault, caller, now, true);
      r.created = true;
    }
    store_.put(c, r.vault, now);
    providers_.auto_register(c, s.id, kVaultNamespace);
    return r;
  });
}

Vault VaultService::update(const auth::Principal& caller, const std::string& sub, const std::string& group,
                           const std::string& name, const VaultInput& in) const {
  Subscription s = subs_.require(caller, sub);
  const ResourceId id = ResourceId::resource(s.id, group, kVaultNamespace, "vaults", name);
  authz_.authorize(caller, actions::kVaultsWrite, id.str());
  return db_.write([&](store::Connection& c) {
    auto v = store_.get(c, id);
    if (!v) {
      if (!groups_.get(c, s.id, group)) throw errors::resource_group_not_found(group);
      throw errors::resource_not_found(std::string(kVaultType) + "/" + name, group);
    }
    apply_settings(*v, in, false, false);
    stamp(*v, caller, clock_.now_unix(), false);
    store_.put(c, *v, clock_.now_unix());
    return *v;
  });
}

Vault VaultService::get(const auth::Principal& caller, const std::string& sub, const std::string& group,
                        const std::string& name) const {
  Subscription s = subs_.require(caller, sub);
  const ResourceId id = ResourceId::resource(s.id, group, kVaultNamespace, "vaults", name);
  authz_.authorize(caller, actions::kVaultsRead, id.str());
  return db_.read([&](store::Connection& c) {
    auto v = store_.get(c, id);
    if (v) return *v;
    if (!groups_.get(c, s.id, group)) throw errors::resource_group_not_found(group);
    throw errors::resource_not_found(std::string(kVaultType) + "/" + name, group);
  });
}

Paged<Vault> VaultService::list(const auth::Principal& caller, const std::string& sub, const std::string& group,
                                const ListQuery& q) const {
  Subscription s = subs_.require(caller, sub);
  const Grants grants = authz_.grants(caller);
  const std::string scope = group.empty() ? ResourceId::subscription(s.id).str() : ResourceId::resource_group(s.id, group).str();
  if (!grants.touches(scope)) throw Authorizer::denied(caller, actions::kVaultsRead, scope);
  auto all = db_.read([&](store::Connection& c) {
    if (!group.empty() && !groups_.get(c, s.id, group)) throw errors::resource_group_not_found(group);
    return store_.list(c, s.id, group);
  });
  std::erase_if(all, [&](const Vault& v) { return !grants.allows(actions::kVaultsRead, v.id.str()); });
  return paginate(std::move(all), q);
}

void VaultService::soft_delete(store::Connection& c, const Vault& v, std::int64_t now) const {
  store_.insert_deleted(c, DeletedVault{v, now, now + v.soft_delete_retention_days * kDay});
  store_.remove(c, v.id);
}

bool VaultService::remove(const auth::Principal& caller, const std::string& sub, const std::string& group,
                          const std::string& name) const {
  Subscription s = subs_.require(caller, sub);
  const ResourceId id = ResourceId::resource(s.id, group, kVaultNamespace, "vaults", name);
  authz_.authorize(caller, actions::kVaultsDelete, id.str());
  return db_.write([&](store::Connection& c) {
    const auto now = clock_.now_unix();
    store_.purge_expired(c, now);
    if (!groups_.get(c, s.id, group)) throw errors::resource_group_not_found(group);
    auto v = store_.get(c, id);
    if (!v) return false;
    soft_delete(c, *v, now);
    return true;
  });
}

void VaultService::soft_delete_group(store::Connection& c, const ResourceId& group) const {
  const auto now = clock_.now_unix();
  store_.purge_expired(c, now);
  for (const auto& v : store_.list(c, group.subscription_id(), group.resource_group())) soft_delete(c, v, now);
}

VaultService::AccessPolicyResult VaultService::update_access_policy(const auth::Principal& caller,
                                                                    const std::string& sub, const std::string& group,
                                                                    const std::string& name, const std::string& kind,
                                                                    const std::vector<AccessPolicy>& policies) const {
  Subscription s = subs_.require(caller, sub);
  const ResourceId id = ResourceId::resource(s.id, group, kVaultNamespace, "vaults", name);
  authz_.authorize(caller, actions::kVaultAccessPoliciesWrite, id.str());
  const std::string op = text::to_lower(kind);
  if (op != "add" && op != "replace" && op != "remove") throw errors::invalid_access_policy_operation(kind);
  validate_policies(policies);
  return db_.write([&](store::Connection& c) {
    auto v = store_.get(c, id);
    if (!v) {
      if (!groups_.get(c, s.id, group)) throw errors::resource_group_not_found(group);
      throw errors::resource_not_found(std::string(kVaultType) + "/" + name, group);
    }
    auto& list = v->access_policies;
    if (op == "replace") {
      list = policies;
    } else {
      for (const auto& p : policies) {
        auto it = std::find_if(list.begin(), list.end(), [&](const AccessPolicy& e) { return same_identity(e, p); });
        if (op == "add") {
          if (it == list.end()) {
            list.push_back(p);
          } else {
            merge_into(it->keys, p.keys);
            merge_into(it->secrets, p.secrets);
            merge_into(it->certificates, p.certificates);
            merge_into(it->storage, p.storage);
          }
        } else if (it != list.end()) {  // remove
          subtract_from(it->keys, p.keys);
          subtract_from(it->secrets, p.secrets);
          subtract_from(it->certificates, p.certificates);
          subtract_from(it->storage, p.storage);
          if (no_permissions(p) || no_permissions(*it)) list.erase(it);
        }
      }
    }
    validate_policies(list);  // the 1024 limit applies to the merged list too
    stamp(*v, caller, clock_.now_unix(), false);
    store_.put(c, *v, clock_.now_unix());
    return AccessPolicyResult{*v, op};
  });
}

std::vector<DeletedVault> VaultService::list_deleted(const auth::Principal& caller, const std::string& sub) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kDeletedVaultsRead, ResourceId::subscription(s.id).str());
  return db_.read([&](store::Connection& c) { return store_.list_deleted(c, s.id, clock_.now_unix()); });
}

DeletedVault VaultService::get_deleted(const auth::Principal& caller, const std::string& sub,
                                       const std::string& location, const std::string& name) const {
  Subscription s = subs_.require(caller, sub);
  const std::string loc = canonical_location(location);
  authz_.authorize(caller, actions::kLocationDeletedVaultsRead, deleted_vault_id(s.id, loc, name));
  auto d = db_.read([&](store::Connection& c) { return store_.find_deleted(c, name, clock_.now_unix()); });
  if (!d || !text::iequals(d->vault.id.subscription_id(), s.id) || d->vault.location != loc)
    throw errors::resource_not_found("Microsoft.KeyVault/locations/" + loc + "/deletedVaults/" + name, "<null>");
  return *d;
}

AsyncOperation VaultService::purge_deleted(const auth::Principal& caller, const std::string& sub,
                                           const std::string& location, const std::string& name) const {
  Subscription s = subs_.require(caller, sub);
  const std::string loc = canonical_location(location);
  const std::string deleted_id = deleted_vault_id(s.id, loc, name);
  authz_.authorize(caller, actions::kDeletedVaultsPurge, deleted_id);
  return db_.write([&](store::Connection& c) {
    const auto now = clock_.now_unix();
    auto d = store_.find_deleted(c, name, now);
    if (!d || !text::iequals(d->vault.id.subscription_id(), s.id) || d->vault.location != loc)
      throw errors::resource_not_found("Microsoft.KeyVault/locations/" + loc + "/deletedVaults/" + name, "<null>");
    if (d->vault.enable_purge_protection) throw errors::deleted_vault_purge_not_allowed();
    store_.remove_deleted(c, name);
    return ops_.record_succeeded(c, {s.id, kVaultNamespace, loc, "vaultPurge", deleted_id});
  });
}

NameAvailability VaultService::check_name(const auth::Principal& caller, const std::string& sub,
                                          const std::string& name, const std::string& type) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kVaultNameCheck, ResourceId::subscription(s.id).str());
  if (!text::iequals(type, kVaultType))
    throw errors::invalid_vault_parameter("Invalid value found at type: " + type + ". Expected 'Microsoft.KeyVault/vaults'.");
  if (!valid_vault_name(name)) return {false, "AccountNameInvalid", errors::vault_name_not_valid(name).message()};
  const bool taken = db_.read([&](store::Connection& c) {
    return store_.find_by_name(c, name).has_value() || store_.find_deleted(c, name, clock_.now_unix()).has_value();
  });
  if (taken) return {false, "AlreadyExists", errors::vault_name_in_use_message(name)};
  return {};
}

}  // namespace azemu::arm
