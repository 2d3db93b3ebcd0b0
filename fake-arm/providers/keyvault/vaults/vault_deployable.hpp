// Microsoft.KeyVault/vaults as a template resource type: the deployment engine's PUT/GET/DELETE go
// through VaultService exactly as the Vaults_* routes do (same validation, RBAC, soft delete).
// Bodies use the proxy-mode vaultUri (https://{name}.vault.azure.net/): an adapter call has no
// request to derive a custom-cloud host from.
#pragma once

#include "fake-arm/core/resource_types.hpp"
#include "fake-arm/providers/keyvault/vaults/vault_service.hpp"

namespace azemu::arm {

class VaultDeployable final : public DeployableType {
public:
  explicit VaultDeployable(const VaultService& svc) : svc_(svc) {}
  nlohmann::json put(const auth::Principal& caller, const ResourceId& id, const nlohmann::json& body,
                     const std::string& api_version) const override;
  std::optional<nlohmann::json> get(const auth::Principal& caller, const ResourceId& id) const override;
  bool remove(const auth::Principal& caller, const ResourceId& id) const override;

private:
  const VaultService& svc_;
};

}  // namespace azemu::arm
