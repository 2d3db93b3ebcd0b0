// ports::Vaults over fake-arm's tables, for the Key Vault data plane: the active vault of a name
// (settings and access policies), and RBAC data actions from role assignments (built-in Key Vault
// roles' dataActions, custom roles' too) inherited from subscription and group scopes.
// Read-only; it never changes a vault.
#include "fake-arm/authorization/authorizer.hpp"
#include "fake-arm/mount.hpp"
#include "fake-arm/providers/keyvault/vaults/vault_store.hpp"

#include "emulator/json/strings.hpp"
#include "emulator/store/generation_cache.hpp"

namespace azemu::arm {

namespace {
class VaultsPort final : public ports::Vaults {
public:
  explicit VaultsPort(store::Database& db) : db_(db), authz_(db), found_(db) {}

  /// Every data-plane call asks: cached until the next write (a vault PUT, PATCH or delete is one).
  std::optional<ports::VaultInfo> find(std::string_view name) const override {
    return found_.get(text::to_lower(name), [&]() -> std::optional<ports::VaultInfo> {
      auto v = db_.read([&](store::Connection& c) { return store_.find_by_name(c, std::string(name)); });
      if (!v) return std::nullopt;
      return to_vault_info(*v);
    });
  }

  bool data_action_allowed(std::string_view object_id, std::string_view data_action,
                           std::string_view scope) const override {
    auth::Principal p;
    p.object_id = std::string(object_id);
    return authz_.grants(p).allows_data(data_action, scope);
  }

private:
  store::Database& db_;
  Authorizer authz_;
  VaultStore store_;
  mutable store::GenerationCache<ports::VaultInfo> found_;  // lower-case name -> the active vault
};
}  // namespace

std::unique_ptr<ports::Vaults> make_vaults(store::Database& db) { return std::make_unique<VaultsPort>(db); }

}  // namespace azemu::arm
