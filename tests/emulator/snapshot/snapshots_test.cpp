// Snapshots of a data dir: database and guest folders saved and restored, guests stopped and
// started around both, bad names and foreign snapshots refused, a restore failing half-way
// leaving the cloud as it was.
#include "emulator/snapshot/snapshots.hpp"

#include "emulator/error/azure_error.hpp"
#include "tests/support/test_stack.hpp"

#include <doctest/doctest.h>

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace azemu;
using namespace azemu::snapshot;

namespace {
const std::vector<store::Migration> kSchema = {{"t", 1, "CREATE TABLE t_rows (id TEXT PRIMARY KEY) STRICT;"}};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Fixture {
  std::string dir = testing::make_temp_dir("snapshots");
  store::Database db{dir + "/azemu.db", kSchema};
  exec::FakeClock clock;
  int stops = 0, starts = 0, restarts_after_restore = 0;
  Snapshots snapshots{dir, data_dir_id("k1"), db, clock,
                      {[this] { ++stops; return std::size_t{1}; },
                       [this](bool after_restore) { ++starts; restarts_after_restore += after_restore; return std::size_t{1}; }}};

  ~Fixture() { std::filesystem::remove_all(dir); }

  std::string rows() {
    std::string out;
    auto s = db.conn().query("SELECT id FROM t_rows ORDER BY id");
    while (s.step()) out += s.text(0) + ";";
    return out;
  }
  void insert(const char* id) { db.write([&](store::Connection& c) { c.run("INSERT INTO t_rows VALUES (?)", id); }); }
  std::string code_of(const std::function<void()>& fn) {
    try {
      fn();
    } catch (const AzureError& e) {
      return e.code();
    }
    return "";
  }
};
}  // namespace

TEST_SUITE("snapshots") {
  TEST_CASE("save, break, restore: rows and disk images are back, guests stopped and started around both") {
    Fixture f;
    f.insert("group1");
    std::filesystem::create_directories(f.dir + "/disks");
    std::ofstream(f.dir + "/disks/os.img") << "saved bytes";
    auto saved = f.snapshots.save("lab-1.start");
    CHECK(saved["name"] == "lab-1.start");
    CHECK(f.stops == 1);
    CHECK(f.starts == 1);
    CHECK(std::filesystem::exists(f.dir + "/snapshots/lab-1.start/azemu.db"));
    CHECK(slurp(f.dir + "/snapshots/lab-1.start/disks/os.img") == "saved bytes");

    f.insert("group2");
    std::ofstream(f.dir + "/disks/os.img") << "broken";
    std::ofstream(f.dir + "/disks/new.img") << "new disk";
    auto restored = f.snapshots.restore("lab-1.start");
    CHECK(restored["vmsStopped"] == 1);
    CHECK(f.rows() == "group1;");
    CHECK(slurp(f.dir + "/disks/os.img") == "saved bytes");
    CHECK_FALSE(std::filesystem::exists(f.dir + "/disks/new.img"));
    CHECK_FALSE(std::filesystem::exists(f.dir + "/.restoring"));
    CHECK(f.restarts_after_restore == 1);
    // The snapshot survives being restored: a lab restores it for every student.
    f.insert("group3");
    f.snapshots.restore("lab-1.start");
    CHECK(f.rows() == "group1;");

    auto list = f.snapshots.list()["value"];
    REQUIRE(list.size() == 1);
    CHECK(list[0]["name"] == "lab-1.start");
    CHECK(list[0]["sizeBytes"].get<std::uint64_t>() > 0);
    CHECK_FALSE(list[0].contains("dataDirId"));
    CHECK(f.code_of([&] { f.snapshots.save("lab-1.start"); }) == "SnapshotExists");
    f.snapshots.remove("lab-1.start");
    CHECK(f.snapshots.list()["value"].empty());
    CHECK(f.code_of([&] { f.snapshots.remove("lab-1.start"); }) == "SnapshotNotFound");
    CHECK(f.code_of([&] { f.snapshots.restore("lab-1.start"); }) == "SnapshotNotFound");
  }

  TEST_CASE("names with path characters are refused before anything happens") {
    Fixture f;
    for (const std::string& bad : std::vector<std::string>{"", "../x", "a/b", ".hidden", "x y", std::string(81, 'a'), "a\\b", "a\nb"}) {
      CAPTURE(bad);
      CHECK(!valid_name(bad));
      CHECK(f.code_of([&] { f.snapshots.save(bad); }) == "InvalidSnapshotName");
      CHECK(f.code_of([&] { f.snapshots.restore(bad); }) == "InvalidSnapshotName");
    }
    CHECK(f.stops == 0);
    CHECK_FALSE(std::filesystem::exists(f.dir + "/x"));
    CHECK(valid_name("Lab_2.v-1"));
  }

  TEST_CASE("a snapshot of another data dir (another master key) is refused, the cloud unchanged") {
    Fixture f;
    f.insert("mine");
    f.snapshots.save("s");
    Snapshots other(f.dir, data_dir_id("k2"), f.db, f.clock, {});
    f.insert("later");
    CHECK(f.code_of([&] { other.restore("s"); }) == "SnapshotIncompatible");
    CHECK(f.rows() == "later;mine;");
  }

  TEST_CASE("a restore failing after the folders were swapped swaps them back: nothing lost") {
    Fixture f;
    f.insert("saved");
    std::filesystem::create_directories(f.dir + "/disks");
    std::ofstream(f.dir + "/disks/os.img") << "saved";
    f.snapshots.save("s");
    // Same schema, another page size: SQLite refuses to back it up into the live WAL database.
    std::string snap_db = f.dir + "/snapshots/s/azemu.db";
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(snap_db.c_str(), &h) == SQLITE_OK);
    REQUIRE(sqlite3_exec(h, "PRAGMA page_size=16384; VACUUM;", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(h);
    f.insert("current");
    std::ofstream(f.dir + "/disks/os.img") << "current";
    CHECK_THROWS_AS(f.snapshots.restore("s"), std::runtime_error);
    CHECK(f.rows() == "current;saved;");
    CHECK(slurp(f.dir + "/disks/os.img") == "current");
    CHECK_FALSE(std::filesystem::exists(f.dir + "/.restoring"));
    CHECK(f.restarts_after_restore == 0);  // the guests stopped for it were started again as they were
  }
}
