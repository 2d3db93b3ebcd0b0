// KeyVersion <-> row mapping; see key_store.hpp.
#include "fake-keyvault/keys/key_store.hpp"

#include "fake-keyvault/keys/key_json.hpp"

namespace azemu::kv {

namespace {
KeyVersion from_row(const StoredVersion& v) {
  KeyVersion k = key_from_meta(v.meta);
  k.version = v.version;
  k.sealed_material = v.sealed;
  return k;
}
}  // namespace

std::optional<KeyObject> KeyStore::find(const std::string& vault, const std::string& name) const {
  auto o = rows_.object(vault, name);
  if (!o) return std::nullopt;
  auto latest = rows_.version(vault, name, "");
  if (!latest) return std::nullopt;
  return KeyObject{o->name, o->deleted_date, o->scheduled_purge, from_row(*latest)};
}

std::optional<KeyVersion> KeyStore::version(const std::string& vault, const std::string& name,
                                            const std::string& version) const {
  auto v = rows_.version(vault, name, version);
  if (!v) return std::nullopt;
  return from_row(*v);
}

std::vector<KeyVersion> KeyStore::versions(const std::string& vault, const std::string& name) const {
  std::vector<KeyVersion> out;
  for (const auto& v : rows_.versions(vault, name)) out.push_back(from_row(v));
  return out;
}

std::vector<KeyObject> KeyStore::list(const std::string& vault, bool deleted) const {
  std::vector<KeyObject> out;
  for (const auto& [o, v] : rows_.latest_all(vault, deleted))
    out.push_back(KeyObject{o.name, o.deleted_date, o.scheduled_purge, from_row(v)});
  return out;
}

void KeyStore::add(const std::string& vault, const std::vector<KeyVersion>& versions) {
  if (versions.empty()) return;
  std::vector<StoredVersion> rows;
  for (const auto& k : versions) rows.push_back(StoredVersion{k.version, 0, key_to_meta(k), k.sealed_material});
  rows_.add_versions(vault, versions.front().name, rows);
}

void KeyStore::update(const std::string& vault, const KeyVersion& k) {
  rows_.update_meta(vault, k.name, k.version, key_to_meta(k));
}

nlohmann::json KeyStore::rotation_policy(const std::string& vault, const std::string& name) const {
  auto o = rows_.object(vault, name);
  if (!o || !o->extra.contains("rotationPolicy")) return nullptr;
  return o->extra["rotationPolicy"];
}

void KeyStore::set_rotation_policy(const std::string& vault, const std::string& name, const nlohmann::json& policy) {
  auto o = rows_.object(vault, name);
  nlohmann::json extra = o ? o->extra : nlohmann::json::object();
  extra["rotationPolicy"] = policy;
  rows_.set_extra(vault, name, extra);
}

}  // namespace azemu::kv
