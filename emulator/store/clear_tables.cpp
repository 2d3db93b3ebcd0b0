// See clear_tables.hpp.
#include "emulator/store/clear_tables.hpp"

#include <vector>

namespace azemu::store {

std::size_t clear_tables(Database& db, const std::function<bool(const std::string& table)>& keep) {
  return db.write([&](Connection& c) {
    c.exec("PRAGMA defer_foreign_keys = ON");
    std::vector<std::string> tables;
    {
      auto s = c.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                       "AND name != 'azemu_migrations' ORDER BY name");
      while (s.step()) tables.push_back(s.text(0));
    }
    std::size_t cleared = 0;
    for (const auto& t : tables) {
      if (keep && keep(t)) continue;
      c.exec("DELETE FROM \"" + t + "\"");  // names come from sqlite_master, not from a client
      ++cleared;
    }
    return cleared;
  });
}

}  // namespace azemu::store
