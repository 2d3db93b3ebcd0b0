// Microsoft.KeyVault's management routes (Spec: keyvault resource-manager 2022-07-01 keyvault.json Vaults_*), and
// the empty Managed HSM lists `az keyvault list(-deleted)` also asks for. Literal segments beat the catch-all
// provider routes.
#pragma once

#include "fake-arm/core/arm_routes.hpp"
#include "fake-arm/providers/keyvault/vaults/vault_handlers.hpp"

namespace azemu::arm {

void mount_keyvault_routes(ArmRoutes& r, VaultHandlers& vaults);

}  // namespace azemu::arm
