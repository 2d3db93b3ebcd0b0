// SQL for versioned objects; see versioned_store.hpp. Table names come from code, never input.
#include "fake-keyvault/common/versioned_store.hpp"

#include "emulator/json/strings.hpp"
#include "fake-keyvault/common/request_transaction.hpp"

namespace azemu::kv {

namespace {
StoredObject object_row(store::Statement& s) {
  StoredObject o;
  o.name = s.text(0);
  if (!s.is_null(1)) o.deleted_date = s.int64(1);
  if (!s.is_null(2)) o.scheduled_purge = s.int64(2);
  o.extra = nlohmann::json::parse(s.text(3));
  return o;
}
StoredVersion version_row(store::Statement& s, int first) {
  StoredVersion v;
  v.version = s.text(first);
  v.seq = s.int64(first + 1);
  v.meta = nlohmann::json::parse(s.text(first + 2));
  v.sealed = s.text(first + 3);
  return v;
}
}  // namespace

std::optional<StoredObject> VersionedStore::object(const std::string& vault, const std::string& name) const {
  auto s = db_.conn().query("SELECT name, deleted_date, scheduled_purge, extra FROM " + objects_ +
                                " WHERE vault = ? AND name_lc = ?",
                            vault, text::to_lower(name));
  if (!s.step()) return std::nullopt;
  return object_row(s);
}

void VersionedStore::add_versions(const std::string& vault, const std::string& name,
                                  const std::vector<StoredVersion>& vs) {
  std::string lc = text::to_lower(name);
  store_write(db_, [&](store::Connection& c) {
    c.run("INSERT OR IGNORE INTO " + objects_ + " (vault, name_lc, name) VALUES (?, ?, ?)", vault, lc, name);
    std::int64_t seq = 0;
    {
      auto s = c.query("SELECT COALESCE(MAX(seq), 0) FROM " + versions_ + " WHERE vault = ? AND name_lc = ?", vault, lc);
      if (s.step()) seq = s.int64(0);
    }
    for (const auto& v : vs)
      c.run("INSERT INTO " + versions_ + " (vault, name_lc, version, seq, meta, sealed) VALUES (?, ?, ?, ?, ?, ?)",
            vault, lc, v.version, ++seq, v.meta.dump(), v.sealed);
  });
}

std::optional<StoredVersion> VersionedStore::version(const std::string& vault, const std::string& name,
                                                     const std::string& version) const {
  std::string lc = text::to_lower(name);
  auto s = version.empty()
               ? db_.conn().query("SELECT version, seq, meta, sealed FROM " + versions_ +
                                      " WHERE vault = ? AND name_lc = ? ORDER BY seq DESC LIMIT 1",
                                  vault, lc)
               : db_.conn().query("SELECT version, seq, meta, sealed FROM " + versions_ +
                                      " WHERE vault = ? AND name_lc = ? AND version = ?",
                                  vault, lc, text::to_lower(version));
  if (!s.step()) return std::nullopt;
  return version_row(s, 0);
}

std::vector<StoredVersion> VersionedStore::versions(const std::string& vault, const std::string& name) const {
  auto s = db_.conn().query("SELECT version, seq, meta, sealed FROM " + versions_ +
                                " WHERE vault = ? AND name_lc = ? ORDER BY seq",
                            vault, text::to_lower(name));
  std::vector<StoredVersion> out;
  while (s.step()) out.push_back(version_row(s, 0));
  return out;
}

std::vector<std::pair<StoredObject, StoredVersion>> VersionedStore::latest_all(const std::string& vault,
                                                                               bool deleted) const {
  auto s = db_.conn().query(
      "SELECT o.name, o.deleted_date, o.scheduled_purge, o.extra, v.version, v.seq, v.meta, v.sealed FROM " +
          objects_ + " o JOIN " + versions_ +
          " v ON v.vault = o.vault AND v.name_lc = o.name_lc WHERE o.vault = ? AND (o.deleted_date IS NOT NULL) = ? "
          "AND v.seq = (SELECT MAX(seq) FROM " + versions_ +
          " x WHERE x.vault = o.vault AND x.name_lc = o.name_lc) ORDER BY o.name_lc",
      vault, deleted ? std::int64_t{1} : std::int64_t{0});
  std::vector<std::pair<StoredObject, StoredVersion>> out;
  while (s.step()) out.emplace_back(object_row(s), version_row(s, 4));
  return out;
}

bool VersionedStore::update_meta(const std::string& vault, const std::string& name, const std::string& version,
                                 const nlohmann::json& meta) {
  return store_write(db_, [&](store::Connection& c) {
    return c.run("UPDATE " + versions_ + " SET meta = ? WHERE vault = ? AND name_lc = ? AND version = ?",
                 meta.dump(), vault, text::to_lower(name), text::to_lower(version)) > 0;
  });
}

void VersionedStore::set_deleted(const std::string& vault, const std::string& name,
                                 std::optional<std::int64_t> deleted, std::optional<std::int64_t> purge_at) {
  store_write(db_, [&](store::Connection& c) {
    auto s = c.prepare("UPDATE " + objects_ + " SET deleted_date = ?, scheduled_purge = ? WHERE vault = ? AND name_lc = ?");
    if (deleted) s.bind(1, *deleted); else s.bind(1, nullptr);
    if (purge_at) s.bind(2, *purge_at); else s.bind(2, nullptr);
    s.bind(3, vault).bind(4, text::to_lower(name));
    s.step();
  });
}

void VersionedStore::set_extra(const std::string& vault, const std::string& name, const nlohmann::json& extra) {
  store_write(db_, [&](store::Connection& c) {
    c.run("UPDATE " + objects_ + " SET extra = ? WHERE vault = ? AND name_lc = ?", extra.dump(), vault,
          text::to_lower(name));
  });
}

void VersionedStore::purge(const std::string& vault, const std::string& name) {
  std::string lc = text::to_lower(name);
  store_write(db_, [&](store::Connection& c) {
    c.run("DELETE FROM " + versions_ + " WHERE vault = ? AND name_lc = ?", vault, lc);
    c.run("DELETE FROM " + objects_ + " WHERE vault = ? AND name_lc = ?", vault, lc);
  });
}

int VersionedStore::sweep(const std::string& vault, std::int64_t now) {
  // Cheap read first: most calls find nothing to purge and should not take the write lock.
  {
    auto s = db_.conn().query("SELECT 1 FROM " + objects_ +
                                  " WHERE vault = ? AND scheduled_purge IS NOT NULL AND scheduled_purge <= ? LIMIT 1",
                              vault, now);
    if (!s.step()) return 0;
  }
  return store_write(db_, [&](store::Connection& c) {
    c.run("DELETE FROM " + versions_ + " WHERE (vault, name_lc) IN (SELECT vault, name_lc FROM " + objects_ +
              " WHERE vault = ? AND scheduled_purge IS NOT NULL AND scheduled_purge <= ?)",
          vault, now);
    return c.run("DELETE FROM " + objects_ + " WHERE vault = ? AND scheduled_purge IS NOT NULL AND scheduled_purge <= ?",
                 vault, now);
  });
}

}  // namespace azemu::kv
