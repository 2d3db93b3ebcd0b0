// The online backup behind snapshots: a copy is one self-contained file, a restore replaces the
// live content for every connection, and a failed restore changes nothing.
#include "emulator/store/backup.hpp"

#include "tests/support/test_stack.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <thread>

using namespace azemu::store;

namespace {
const std::vector<Migration> kSchema = {{"t", 1, "CREATE TABLE t_rows (id TEXT PRIMARY KEY, v TEXT) STRICT;"}};

std::string rows(Database& db) {
  std::string out;
  auto s = db.conn().query("SELECT id || '=' || v FROM t_rows ORDER BY id");
  while (s.step()) out += s.text(0) + ";";
  return out;
}
}  // namespace

TEST_SUITE("backup") {
  TEST_CASE("backup, change, restore: every connection sees the saved rows again") {
    auto dir = azemu::testing::make_temp_dir("backup");
    {
      Database db(dir + "/live.db", kSchema);
      db.write([](Connection& c) { c.run("INSERT INTO t_rows VALUES ('a', '1'), ('b', '2')"); });
      backup_database(db, dir + "/snap.db");
      CHECK_FALSE(std::filesystem::exists(dir + "/snap.db-wal"));
      CHECK((std::filesystem::status(dir + "/snap.db").permissions() & std::filesystem::perms::all) == (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
      CHECK(applied_migrations(dir + "/snap.db") == std::vector<std::string>{"t:1"});

      db.write([](Connection& c) {
        c.run("DELETE FROM t_rows WHERE id = 'a'");
        c.run("UPDATE t_rows SET v = 'changed' WHERE id = 'b'");
        c.run("INSERT INTO t_rows VALUES ('c', '3')");
      });
      std::string other_thread_before;
      std::thread([&] { other_thread_before = rows(db); }).join();  // another thread's connection is open
      CHECK(other_thread_before == "b=changed;c=3;");

      restore_database(db, dir + "/snap.db");
      CHECK(rows(db) == "a=1;b=2;");
      std::string other_thread_after;
      std::thread([&] { other_thread_after = rows(db); }).join();
      CHECK(other_thread_after == "a=1;b=2;");
      // The snapshot file is untouched by being restored from (immutable, no -wal beside it).
      CHECK_FALSE(std::filesystem::exists(dir + "/snap.db-wal"));
      db.write([](Connection& c) { c.run("INSERT INTO t_rows VALUES ('d', '4')"); });
      CHECK(rows(db) == "a=1;b=2;d=4;");
    }
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("a restore from a missing or damaged file throws and leaves the database as it was") {
    auto dir = azemu::testing::make_temp_dir("backupbad");
    {
      Database db(dir + "/live.db", kSchema);
      db.write([](Connection& c) { c.run("INSERT INTO t_rows VALUES ('a', '1')"); });
      CHECK_THROWS_AS(restore_database(db, dir + "/missing.db"), std::runtime_error);
      std::ofstream(dir + "/junk.db") << std::string(8192, 'j');
      CHECK_THROWS_AS(restore_database(db, dir + "/junk.db"), std::runtime_error);
      CHECK_THROWS_AS(applied_migrations(dir + "/junk.db"), std::runtime_error);
      CHECK(rows(db) == "a=1;");
    }
    std::filesystem::remove_all(dir);
  }
}
