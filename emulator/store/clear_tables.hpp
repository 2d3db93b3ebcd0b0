// Emptying a database in place for `azemu reset`: faster than deleting and re-migrating the file,
// and safe while other threads hold connections to it.
#pragma once

#include "emulator/store/database.hpp"

#include <cstddef>
#include <functional>
#include <string>

namespace azemu::store {

/// Deletes every row of every table but azemu_migrations and those `keep` names, in one
/// transaction (foreign keys checked at commit, when nothing refers to anything any more).
/// Returns the number of tables cleared.
std::size_t clear_tables(Database& db, const std::function<bool(const std::string& table)>& keep);

}  // namespace azemu::store
