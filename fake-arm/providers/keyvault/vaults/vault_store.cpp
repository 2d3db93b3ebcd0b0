// SQL for vaults; see vault_store.hpp. Deleted rows keep the vault's stored body verbatim so a
// recover restores every property (access policies, flags, tags, systemData).
#include "fake-arm/providers/keyvault/vaults/vault_store.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::arm {

namespace {
constexpr const char* kTypeKey = "microsoft.keyvault/vaults";

Vault from_stored(const StoredResource& r) { return vault_from_body(r.id, r.body); }

DeletedVault deleted_from_row(store::Statement& s) {
  DeletedVault d;
  d.vault = vault_from_body(*ResourceId::parse(s.text(0)), nlohmann::json::parse(s.text(1)));
  d.deleted_at = s.int64(2);
  d.scheduled_purge_at = s.int64(3);
  return d;
}
}  // namespace

std::optional<Vault> VaultStore::find_by_name(store::Connection& c, const std::string& name) const {
  auto s = c.query("SELECT id FROM arm_resources WHERE type_key = ? AND lower(name) = ?", kTypeKey, text::to_lower(name));
  if (!s.step()) return std::nullopt;
  auto id = ResourceId::parse(s.text(0));
  return get(c, *id);
}

std::optional<Vault> VaultStore::get(store::Connection& c, const ResourceId& id) const {
  auto r = resources_.get(c, id);
  if (!r || !text::iequals(r->type, kVaultType)) return std::nullopt;
  return from_stored(*r);
}

std::vector<Vault> VaultStore::list(store::Connection& c, const std::string& sub, const std::string& group) const {
  std::vector<Vault> out;
  for (const auto& r : resources_.list_by_type(c, sub, kVaultType, group)) out.push_back(from_stored(r));
  return out;
}

VaultStore::PutOutcome VaultStore::put(store::Connection& c, const Vault& v, std::int64_t now) const {
  auto outcome = resources_.put(c, to_stored(v, now, now));
  return outcome == ResourceStore::PutOutcome::created ? PutOutcome::created : PutOutcome::updated;
}

bool VaultStore::remove(store::Connection& c, const ResourceId& id) const { return resources_.remove(c, id); }

std::optional<DeletedVault> VaultStore::find_deleted(store::Connection& c, const std::string& name,
                                                     std::int64_t now) const {
  auto s = c.query("SELECT vault_id, body, deleted_at, scheduled_purge_at FROM arm_deleted_vaults "
                   "WHERE name_key = ? AND scheduled_purge_at > ?",
                   text::to_lower(name), now);
  if (!s.step()) return std::nullopt;
  return deleted_from_row(s);
}

std::vector<DeletedVault> VaultStore::list_deleted(store::Connection& c, const std::string& sub, std::int64_t now) const {
  auto s = c.query("SELECT vault_id, body, deleted_at, scheduled_purge_at FROM arm_deleted_vaults "
                   "WHERE subscription_id = ? AND scheduled_purge_at > ? ORDER BY name_key",
                   text::to_lower(sub), now);
  std::vector<DeletedVault> out;
  while (s.step()) out.push_back(deleted_from_row(s));
  return out;
}

void VaultStore::insert_deleted(store::Connection& c, const DeletedVault& d) const {
  const Vault& v = d.vault;
  c.run("INSERT OR REPLACE INTO arm_deleted_vaults (name_key, name, subscription_id, location, vault_id, body, "
        "deleted_at, scheduled_purge_at, purge_protection) VALUES (?,?,?,?,?,?,?,?,?)",
        text::to_lower(v.name()), v.name(), text::to_lower(v.id.subscription_id()), v.location, v.id.str(),
        to_stored(v, 0, 0).body.dump(), d.deleted_at, d.scheduled_purge_at, v.enable_purge_protection);
}

bool VaultStore::remove_deleted(store::Connection& c, const std::string& name) const {
  return c.run("DELETE FROM arm_deleted_vaults WHERE name_key = ?", text::to_lower(name)) > 0;
}

int VaultStore::purge_expired(store::Connection& c, std::int64_t now) const {
  return c.run("DELETE FROM arm_deleted_vaults WHERE scheduled_purge_at <= ?", now);
}

}  // namespace azemu::arm
