// Vaults in templates; see vault_deployable.hpp.
#include "fake-arm/providers/keyvault/vaults/vault_deployable.hpp"

#include "emulator/cloud/hosts.hpp"

namespace azemu::arm {

namespace {
std::string proxy_vault_dns() { return std::string(cloud::kVaultSuffix.substr(1)); }
}  // namespace

nlohmann::json VaultDeployable::put(const auth::Principal& caller, const ResourceId& id, const nlohmann::json& body,
                                    const std::string&) const {
  auto r = svc_.create_or_update(caller, id.subscription_id(), id.resource_group(), id.name(), vault_put_from_json(body));
  return to_json(r.vault, proxy_vault_dns());
}

std::optional<nlohmann::json> VaultDeployable::get(const auth::Principal& caller, const ResourceId& id) const {
  try {
    return to_json(svc_.get(caller, id.subscription_id(), id.resource_group(), id.name()), proxy_vault_dns());
  } catch (const AzureError& e) {
    if (e.kind() == ErrorKind::NotFound) return std::nullopt;
    throw;
  }
}

bool VaultDeployable::remove(const auth::Principal& caller, const ResourceId& id) const {
  return svc_.remove(caller, id.subscription_id(), id.resource_group(), id.name());
}

}  // namespace azemu::arm
