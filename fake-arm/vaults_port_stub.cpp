// TEMPORARY: make_vaults() until Microsoft.KeyVault/vaults exists in fake-arm; replaced by the real one.
#include "fake-arm/mount.hpp"
namespace azemu::arm {
namespace {
struct NoVaults final : ports::Vaults {
  std::optional<ports::VaultInfo> find(std::string_view) const override { return std::nullopt; }
  bool data_action_allowed(std::string_view, std::string_view, std::string_view) const override { return false; }
};
}  // namespace
std::unique_ptr<ports::Vaults> make_vaults(store::Database&) { return std::make_unique<NoVaults>(); }
}  // namespace azemu::arm
