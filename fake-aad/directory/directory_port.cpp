// make_directory(): the ports::Directory other services use (ARM's /tenants, token verification's
// "is this tid ours?"), answered from aad_tenants. Read-only; Graph owns changes.
#include "fake-aad/mount.hpp"

#include "fake-aad/directory/directory_store.hpp"

#include "emulator/json/strings.hpp"
#include "emulator/store/generation_cache.hpp"

namespace azemu::aad {

namespace {
class StoreDirectory final : public ports::Directory {
public:
  explicit StoreDirectory(store::Database& db) : store_(db), known_tenants_(db) {}

  std::vector<ports::TenantInfo> tenants() const override {
    std::vector<ports::TenantInfo> out;
    for (auto& t : store_.list_tenants()) out.push_back({t.id, t.display_name, t.default_domain});
    return out;
  }

  /// Only tenant ids count: a token's tid is never a domain name.
  /// Asked by every token verification: cached until the next write (only tenants that exist are kept).
  bool tenant_exists(std::string_view tenant_id) const override {
    return known_tenants_
        .get(text::to_lower(tenant_id), [&]() -> std::optional<bool> {
          auto t = store_.find_tenant(tenant_id);
          if (t && text::iequals(t->id, tenant_id)) return true;
          return std::nullopt;
        })
        .has_value();
  }

  std::optional<ports::PrincipalInfo> find_principal(std::string_view object_id) const override {
    if (auto u = store_.find_user(object_id)) return ports::PrincipalInfo{u->object_id, "User", u->display_name, "", u->user_principal_name};
    if (auto sp = store_.find_service_principal(object_id))
      return ports::PrincipalInfo{sp->object_id, "ServicePrincipal", sp->display_name, sp->app_id, ""};
    return std::nullopt;
  }

private:
  DirectoryStore store_;
  mutable store::GenerationCache<bool> known_tenants_;  // lower-case tenant id -> exists
};
}  // namespace

std::unique_ptr<ports::Directory> make_directory(store::Database& db) { return std::make_unique<StoreDirectory>(db); }

}  // namespace azemu::aad
