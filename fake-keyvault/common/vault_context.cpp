// recoveryLevel per vault settings; see vault_context.hpp.
#include "fake-keyvault/common/vault_context.hpp"

namespace azemu::kv {

std::string recovery_level(const ports::VaultInfo& vault) {
  // Spec: keyvault common.json DeletionRecoveryLevel; "Customized" below the 90-day default.
  bool customized = vault.soft_delete_retention_days < 90;
  std::string level = customized ? "CustomizedRecoverable" : "Recoverable";
  if (!vault.purge_protection) level += "+Purgeable";
  return level;
}

int recoverable_days(const ports::VaultInfo& vault) { return vault.soft_delete_retention_days; }

}  // namespace azemu::kv
