// azemu reset's table clearing: kept tables and the migration record survive, foreign keys do not
// get in the way.
#include "emulator/store/clear_tables.hpp"

#include "tests/support/test_stack.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace azemu::store;

TEST_SUITE("clear_tables") {
  TEST_CASE("clear_tables empties every table but the kept ones and the migrations, foreign keys and all") {
    auto dir = azemu::testing::make_temp_dir("db");
    {
      Database db(dir + "/c.db", {{"t", 1,
                                   "CREATE TABLE p_parent (id TEXT PRIMARY KEY) STRICT;"
                                   "CREATE TABLE p_child (id TEXT PRIMARY KEY, parent TEXT NOT NULL REFERENCES p_parent(id)) STRICT;"
                                   "CREATE TABLE k_kept (id TEXT PRIMARY KEY) STRICT;"}});
      db.write([](Connection& c) {
        c.run("INSERT INTO p_parent (id) VALUES (?)", "a");
        c.run("INSERT INTO p_child (id, parent) VALUES (?, ?)", "c", "a");
        c.run("INSERT INTO k_kept (id) VALUES (?)", "k");
      });
      CHECK(clear_tables(db, [](const std::string& t) { return t.rfind("k_", 0) == 0; }) == 2);
      auto count = [&](const char* table) {
        auto s = db.conn().query(std::string("SELECT count(*) FROM ") + table);
        s.step();
        return s.int64(0);
      };
      CHECK(count("p_parent") == 0);
      CHECK(count("p_child") == 0);
      CHECK(count("k_kept") == 1);
      CHECK(count("azemu_migrations") == 1);
    }
    std::filesystem::remove_all(dir);
  }

}
