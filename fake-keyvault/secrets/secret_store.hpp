// SQL for secrets (tables kv_secrets, kv_secret_versions) through the shared VersionedStore,
// mapping rows to SecretVersion/SecretObject. Values arrive sealed; returns values, never errors.
#pragma once

#include "fake-keyvault/common/versioned_store.hpp"
#include "fake-keyvault/secrets/secret_model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace azemu::kv {

class SecretStore {
public:
  using Object = SecretObject;
  using Version = SecretVersion;

  const store::Database& db() const { return rows_.db(); }
  explicit SecretStore(store::Database& db) : rows_(db, "kv_secrets", "kv_secret_versions") {}

  std::optional<SecretObject> find(const std::string& vault, const std::string& name) const;
  std::optional<SecretVersion> version(const std::string& vault, const std::string& name,
                                       const std::string& version) const;
  std::vector<SecretVersion> versions(const std::string& vault, const std::string& name) const;
  std::vector<SecretObject> list(const std::string& vault, bool deleted) const;
  void add(const std::string& vault, const std::vector<SecretVersion>& versions);
  void update(const std::string& vault, const SecretVersion& s);
  void set_deleted(const std::string& vault, const std::string& name, std::optional<std::int64_t> deleted,
                   std::optional<std::int64_t> purge_at) { rows_.set_deleted(vault, name, deleted, purge_at); }
  void purge(const std::string& vault, const std::string& name) { rows_.purge(vault, name); }
  void sweep(const std::string& vault, std::int64_t now) { rows_.sweep(vault, now); }

private:
  VersionedStore rows_;
};

}  // namespace azemu::kv
