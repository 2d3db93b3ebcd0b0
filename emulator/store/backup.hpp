// Whole-database copies for `azemu snapshot`, through SQLite's online backup API: a save reads
// one consistent state while the server keeps writing (WAL), and a restore replaces the live
// database's content in a single write transaction, so other connections see the old cloud or
// the new one, never a mix, and a failure half-way leaves the old one.
#pragma once

#include "emulator/store/database.hpp"

#include <string>
#include <vector>

namespace azemu::store {

/// Copies the last committed state of `db` into a new self-contained file `to` (rollback
/// journal, no -wal beside it). Throws std::runtime_error; `to` may then be left partial.
void backup_database(Database& db, const std::string& to);

/// Replaces every page of `db` with the content of the file `from` (opened read-only), in one
/// transaction. Throws std::runtime_error and leaves `db` unchanged when anything fails.
void restore_database(Database& db, const std::string& from);

/// "component:version" of every applied migration in the file `path` (opened read-only), sorted:
/// two databases with the same list have the same schema.
std::vector<std::string> applied_migrations(const std::string& path);

}  // namespace azemu::store
