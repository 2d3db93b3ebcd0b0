// Access policy and RBAC checks; see authorizer.hpp. Messages: ade.md §2.6 (observed texts).
#include "fake-keyvault/common/authorizer.hpp"

#include "emulator/json/strings.hpp"
#include "fake-keyvault/errors.hpp"

#include <algorithm>

namespace azemu::kv {

bool Operation::writes() const {
  for (const char* read : {"get", "list", "backup", "encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey",
                           "release", "getrotationpolicy"})
    if (permission == read) return false;
  return true;
}

namespace {
const std::vector<std::string>& permissions_of(const ports::VaultAccessPolicy& p, const std::string& collection) {
  if (collection == "keys") return p.keys;
  if (collection == "secrets") return p.secrets;
  if (collection == "certificates") return p.certificates;
  return p.storage;
}
std::string rbac_scope(const ports::VaultInfo& vault, const Operation& op, const std::string& object_name) {
  return object_name.empty() ? vault.resource_id : vault.resource_id + "/" + op.collection + "/" + object_name;
}
}  // namespace

AuthzDecision authorize(const ports::Vaults& vaults, const ports::VaultInfo& vault, const auth::Principal& caller,
                        const Operation& op, const std::string& object_name) {
  AuthzDecision d;
  if (vault.enable_rbac_authorization) {
    d.rbac = true;
    d.allowed = vaults.data_action_allowed(caller.object_id, op.data_action, rbac_scope(vault, op, object_name));
    return d;
  }
  for (const auto& p : vault.access_policies) {
    if (!text::iequals(p.object_id, caller.object_id)) continue;
    // Compound identity: a policy naming an application applies only to that app acting for the user.
    if (!p.application_id.empty() && !text::iequals(p.application_id, caller.app_id)) continue;
    if (!p.tenant_id.empty() && !text::iequals(p.tenant_id, caller.tenant_id)) continue;
    const auto& perms = permissions_of(p, op.collection);
    if (std::any_of(perms.begin(), perms.end(), [&](const std::string& s) {
          return text::iequals(s, op.permission) || text::iequals(s, "all");
        })) {
      d.allowed = true;
      return d;
    }
  }
  return d;
}

std::string caller_text(const auth::Principal& caller) {
  return "appid=" + caller.app_id + ";oid=" + caller.object_id + ";iss=https://sts.windows.net/" + caller.tenant_id + "/";
}

void throw_denied(const ports::VaultInfo& vault, const auth::Principal& caller, const Operation& op,
                  const std::string& object_name, bool rbac) {
  if (rbac)
    // Observed: the Resource line is the scope in lower case ("/subscriptions/.../resourcegroups/rg/providers/
    // microsoft.keyvault/vaults/kv/keys/name"), whatever the casing of the vault's id.
    throw errors::forbidden_by_rbac(caller_text(caller), op.data_action, text::to_lower(rbac_scope(vault, op, object_name)),
                                    vault.name, vault.location);
  throw errors::access_denied(caller_text(caller), op.collection, op.permission, vault.name, vault.location);
}

}  // namespace azemu::kv
