#include "emulator/store/database.hpp"

#include "tests/support/test_stack.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <stdexcept>

using namespace azemu::store;

namespace {
std::vector<Migration> schema() {
  return {{"t", 1, "CREATE TABLE t_items (id TEXT PRIMARY KEY, n INTEGER NOT NULL) STRICT"},
          {"t", 2, "ALTER TABLE t_items ADD COLUMN note TEXT"}};
}
}  // namespace

TEST_SUITE("database") {
  TEST_CASE("migrations apply once and in order") {
    auto dir = azemu::testing::make_temp_dir("db");
    {
      Database db(dir + "/a.db", schema());
      db.write([](Connection& c) { c.run("INSERT INTO t_items (id, n, note) VALUES (?, ?, ?)", "x", 1, "hi"); });
    }
    Database again(dir + "/a.db", schema());  // re-applying would fail on ALTER TABLE
    auto s = again.conn().query("SELECT COUNT(*) FROM azemu_migrations WHERE component = 't'");
    REQUIRE(s.step());
    CHECK(s.int64(0) == 2);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("a committed write is visible to a second connection on the same file") {
    auto dir = azemu::testing::make_temp_dir("db");
    Database a(dir + "/a.db", schema());
    a.write([](Connection& c) { c.run("INSERT INTO t_items (id, n) VALUES (?, ?)", "k", 42); });
    Database b(dir + "/a.db", schema());
    auto s = b.conn().query("SELECT n FROM t_items WHERE id = ?", "k");
    REQUIRE(s.step());
    CHECK(s.int64(0) == 42);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("a throwing write rolls back") {
    auto dir = azemu::testing::make_temp_dir("db");
    Database db(dir + "/a.db", schema());
    CHECK_THROWS(db.write([](Connection& c) {
      c.run("INSERT INTO t_items (id, n) VALUES (?, ?)", "gone", 1);
      throw std::runtime_error("boom");
    }));
    auto s = db.conn().query("SELECT COUNT(*) FROM t_items");
    REQUIRE(s.step());
    CHECK(s.int64(0) == 0);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("after_commit hooks run once the transaction commits, and never after a rollback") {
    auto dir = azemu::testing::make_temp_dir("db");
    Database db(dir + "/a.db", schema());
    int seen_inside = -1, ran = 0;
    db.write([&](Connection& c) {
      c.run("INSERT INTO t_items (id, n) VALUES (?, ?)", "a", 1);
      c.after_commit([&] {
        // Another connection (the reader a hook wakes) already sees the row.
        Connection other(dir + "/a.db");
        auto s = other.query("SELECT COUNT(*) FROM t_items");
        s.step();
        seen_inside = static_cast<int>(s.int64(0));
        ++ran;
      });
      CHECK(ran == 0);
    });
    CHECK(ran == 1);
    CHECK(seen_inside == 1);
    CHECK_THROWS(db.write([&](Connection& c) {
      c.after_commit([&] { ++ran; });
      throw std::runtime_error("boom");
    }));
    db.write([](Connection&) {});  // a dropped hook does not leak into the next transaction
    CHECK(ran == 1);
    db.conn().after_commit([&] { ++ran; });  // outside a transaction: at once
    CHECK(ran == 2);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("STRICT tables reject a wrong type") {
    auto dir = azemu::testing::make_temp_dir("db");
    Database db(dir + "/a.db", schema());
    CHECK_THROWS(db.write([](Connection& c) { c.run("INSERT INTO t_items (id, n) VALUES (?, ?)", "x", "not a number"); }));
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("the database runs in WAL mode") {
    auto dir = azemu::testing::make_temp_dir("db");
    Database db(dir + "/a.db", schema());
    auto s = db.conn().query("PRAGMA journal_mode");
    REQUIRE(s.step());
    CHECK(s.text(0) == "wal");
    std::filesystem::remove_all(dir);
  }
}

TEST_SUITE("database") {
  TEST_CASE("write_relaxed commits through the NORMAL-synchronous connection and is visible to others") {
    auto dir = azemu::testing::make_temp_dir("db");
    Database db(dir + "/a.db", schema());
    db.write_relaxed([](Connection& c) { c.run("INSERT INTO t_items (id, n) VALUES (?, ?)", "r", 7); });
    auto sync = db.relaxed_conn().query("PRAGMA synchronous");
    REQUIRE(sync.step());
    CHECK(sync.int64(0) == 1);  // NORMAL
    Database other(dir + "/a.db", schema());
    auto s = other.conn().query("SELECT n FROM t_items WHERE id = ?", "r");
    REQUIRE(s.step());
    CHECK(s.int64(0) == 7);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("the database file is owner-only") {
    auto dir = azemu::testing::make_temp_dir("db");
    { Database db(dir + "/m.db", schema()); }
    auto perms = std::filesystem::status(dir + "/m.db").permissions();
    CHECK((perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all)) == std::filesystem::perms::none);
    std::filesystem::remove_all(dir);
  }
}
