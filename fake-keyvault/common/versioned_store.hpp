// The SQL of a versioned, soft-deletable Key Vault object (keys and secrets share the shape; their
// stores wrap this with their own model mapping). Returns values, never Azure errors. Object names
// compare case-insensitively. Does not encrypt: `sealed` arrives already sealed.
#pragma once

#include "emulator/store/database.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace azemu::kv {

struct StoredObject {
  std::string name;  // case as first created
  std::optional<std::int64_t> deleted_date;
  std::optional<std::int64_t> scheduled_purge;
  nlohmann::json extra = nlohmann::json::object();  // e.g. the key rotation policy
};

struct StoredVersion {
  std::string version;
  std::int64_t seq = 0;
  nlohmann::json meta;
  std::string sealed;
};

class VersionedStore {
public:
  /// `objects`/`versions`: table names, e.g. "kv_keys" / "kv_key_versions".
  VersionedStore(store::Database& db, std::string objects, std::string versions)
      : db_(db), objects_(std::move(objects)), versions_(std::move(versions)) {}

  const store::Database& db() const { return db_; }

  std::optional<StoredObject> object(const std::string& vault, const std::string& name) const;
  /// Appends versions (in order) to `name`, creating the object row when missing. One transaction.
  void add_versions(const std::string& vault, const std::string& name, const std::vector<StoredVersion>& vs);
  /// `version` empty: the newest one.
  std::optional<StoredVersion> version(const std::string& vault, const std::string& name,
                                      const std::string& version) const;
  /// Oldest first.
  std::vector<StoredVersion> versions(const std::string& vault, const std::string& name) const;
  /// Every object (active or deleted per `deleted`) with its newest version, by name.
  std::vector<std::pair<StoredObject, StoredVersion>> latest_all(const std::string& vault, bool deleted) const;
  bool update_meta(const std::string& vault, const std::string& name, const std::string& version,
                   const nlohmann::json& meta);
  void set_deleted(const std::string& vault, const std::string& name, std::optional<std::int64_t> deleted,
                   std::optional<std::int64_t> purge_at);
  void set_extra(const std::string& vault, const std::string& name, const nlohmann::json& extra);
  /// Removes the object and all its versions.
  void purge(const std::string& vault, const std::string& name);
  /// Purges deleted objects whose scheduled purge date is <= now (the service's retention timer).
  int sweep(const std::string& vault, std::int64_t now);

private:
  store::Database& db_;
  std::string objects_;
  std::string versions_;
};

}  // namespace azemu::kv
