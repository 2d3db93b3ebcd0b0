#include "emulator/store/generation_cache.hpp"

#include "tests/support/test_stack.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace azemu::store;

namespace {
std::vector<Migration> schema() { return {{"g", 1, "CREATE TABLE g_items (id TEXT PRIMARY KEY, n INTEGER NOT NULL) STRICT"}}; }

std::optional<std::int64_t> read_n(Database& db, const std::string& id) {
  auto s = db.conn().query("SELECT n FROM g_items WHERE id = ?", id);
  if (!s.step()) return std::nullopt;
  return s.int64(0);
}
}  // namespace

TEST_SUITE("generation cache") {
  TEST_CASE("a value is read once, then served from memory until a write") {
    auto dir = azemu::testing::make_temp_dir("gen");
    Database db(dir + "/a.db", schema());
    db.write([](Connection& c) { c.run("INSERT INTO g_items (id, n) VALUES ('a', 1)"); });
    GenerationCache<std::int64_t> cache(db);
    int loads = 0;
    auto get = [&] { return cache.get("a", [&] { ++loads; return read_n(db, "a"); }); };
    CHECK(get() == 1);
    CHECK(get() == 1);
    CHECK(loads == 1);
    db.write([](Connection& c) { c.run("UPDATE g_items SET n = 2 WHERE id = 'a'"); });
    CHECK(get() == 2);  // the write made the entry stale
    CHECK(loads == 2);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("absent values and failed loads are not kept") {
    auto dir = azemu::testing::make_temp_dir("gen");
    Database db(dir + "/a.db", schema());
    GenerationCache<std::int64_t> cache(db);
    int loads = 0;
    CHECK_FALSE(cache.get("x", [&] { ++loads; return read_n(db, "x"); }));
    CHECK_FALSE(cache.get("x", [&] { ++loads; return read_n(db, "x"); }));
    CHECK(loads == 2);
    CHECK_THROWS(cache.get("y", []() -> std::optional<std::int64_t> { throw std::runtime_error("boom"); }));
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("inside a transaction the cache is bypassed: uncommitted reads are never shared") {
    auto dir = azemu::testing::make_temp_dir("gen");
    Database db(dir + "/a.db", schema());
    db.write([](Connection& c) { c.run("INSERT INTO g_items (id, n) VALUES ('a', 1)"); });
    GenerationCache<std::int64_t> cache(db);
    try {
      db.write([&](Connection& c) {
        c.run("UPDATE g_items SET n = 99 WHERE id = 'a'");
        CHECK(cache.get("a", [&] { return read_n(db, "a"); }) == 99);  // this transaction's own view
        throw std::runtime_error("roll back");
      });
    } catch (const std::runtime_error&) {
    }
    int loads = 0;
    CHECK(cache.get("a", [&] { ++loads; return read_n(db, "a"); }) == 1);
    CHECK(loads == 1);  // nothing of the rolled-back transaction was kept
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("a load that overlaps a write is not kept") {
    auto dir = azemu::testing::make_temp_dir("gen");
    Database db(dir + "/a.db", schema());
    db.write([](Connection& c) { c.run("INSERT INTO g_items (id, n) VALUES ('a', 1)"); });
    GenerationCache<std::int64_t> cache(db);
    // The value read before the write lands in the cache only if no write committed meanwhile.
    CHECK(cache.get("a", [&] {
      auto v = read_n(db, "a");
      db.write([](Connection& c) { c.run("UPDATE g_items SET n = 3 WHERE id = 'a'"); });
      return v;
    }) == 1);
    CHECK(cache.get("a", [&] { return read_n(db, "a"); }) == 3);
    std::filesystem::remove_all(dir);
  }
}
