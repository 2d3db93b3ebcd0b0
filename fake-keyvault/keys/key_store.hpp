// SQL for keys (tables kv_keys, kv_key_versions) through the shared VersionedStore, mapping rows
// to KeyVersion/KeyObject. Returns values, never Azure errors; material arrives already sealed.
#pragma once

#include "fake-keyvault/common/versioned_store.hpp"
#include "fake-keyvault/keys/key_model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace azemu::kv {

class KeyStore {
public:
  using Object = KeyObject;
  using Version = KeyVersion;

  const store::Database& db() const { return rows_.db(); }
  explicit KeyStore(store::Database& db) : rows_(db, "kv_keys", "kv_key_versions") {}

  /// The object with its newest version (deleted or not), if it exists.
  std::optional<KeyObject> find(const std::string& vault, const std::string& name) const;
  /// `version` empty: newest.
  std::optional<KeyVersion> version(const std::string& vault, const std::string& name, const std::string& version) const;
  std::vector<KeyVersion> versions(const std::string& vault, const std::string& name) const;
  std::vector<KeyObject> list(const std::string& vault, bool deleted) const;
  void add(const std::string& vault, const std::vector<KeyVersion>& versions);
  void update(const std::string& vault, const KeyVersion& k);
  void set_deleted(const std::string& vault, const std::string& name, std::optional<std::int64_t> deleted,
                   std::optional<std::int64_t> purge_at) { rows_.set_deleted(vault, name, deleted, purge_at); }
  void purge(const std::string& vault, const std::string& name) { rows_.purge(vault, name); }
  void sweep(const std::string& vault, std::int64_t now) { rows_.sweep(vault, now); }
  nlohmann::json rotation_policy(const std::string& vault, const std::string& name) const;
  void set_rotation_policy(const std::string& vault, const std::string& name, const nlohmann::json& policy);

private:
  VersionedStore rows_;
};

}  // namespace azemu::kv
