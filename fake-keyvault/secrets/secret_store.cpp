// SecretVersion <-> row mapping; see secret_store.hpp.
#include "fake-keyvault/secrets/secret_store.hpp"

#include "fake-keyvault/secrets/secret_json.hpp"

namespace azemu::kv {

namespace {
SecretVersion from_row(const StoredVersion& v) {
  SecretVersion s = secret_from_meta(v.meta);
  s.version = v.version;
  s.sealed_value = v.sealed;
  return s;
}
}  // namespace

std::optional<SecretObject> SecretStore::find(const std::string& vault, const std::string& name) const {
  auto o = rows_.object(vault, name);
  if (!o) return std::nullopt;
  auto latest = rows_.version(vault, name, "");
  if (!latest) return std::nullopt;
  return SecretObject{o->name, o->deleted_date, o->scheduled_purge, from_row(*latest)};
}

std::optional<SecretVersion> SecretStore::version(const std::string& vault, const std::string& name,
                                                  const std::string& version) const {
  auto v = rows_.version(vault, name, version);
  if (!v) return std::nullopt;
  return from_row(*v);
}

std::vector<SecretVersion> SecretStore::versions(const std::string& vault, const std::string& name) const {
  std::vector<SecretVersion> out;
  for (const auto& v : rows_.versions(vault, name)) out.push_back(from_row(v));
  return out;
}

std::vector<SecretObject> SecretStore::list(const std::string& vault, bool deleted) const {
  std::vector<SecretObject> out;
  for (const auto& [o, v] : rows_.latest_all(vault, deleted))
    out.push_back(SecretObject{o.name, o.deleted_date, o.scheduled_purge, from_row(v)});
  return out;
}

void SecretStore::add(const std::string& vault, const std::vector<SecretVersion>& versions) {
  if (versions.empty()) return;
  std::vector<StoredVersion> rows;
  for (const auto& s : versions) rows.push_back(StoredVersion{s.version, 0, secret_to_meta(s), s.sealed_value});
  rows_.add_versions(vault, versions.front().name, rows);
}

void SecretStore::update(const std::string& vault, const SecretVersion& s) {
  rows_.update_meta(vault, s.name, s.version, secret_to_meta(s));
}

}  // namespace azemu::kv
