#include "vm-sim/machine/disk_files.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <sys/stat.h>

using namespace azemu::vm;

TEST_CASE("disk file names are stable, case-insensitive in the id, and safe") {
  std::string id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/d1";
  std::string upper = "/SUBSCRIPTIONS/S/resourcegroups/RG/providers/microsoft.compute/DISKS/D1";
  CHECK(disk_file_name(id, "d1") == disk_file_name(upper, "d1"));
  CHECK(disk_file_name(id, "d1") != disk_file_name(id + "x", "d1"));
  CHECK(disk_file_name(id, "d1").rfind("d1-", 0) == 0);
  CHECK(disk_file_name(id, "../evil/x").find('/') == std::string::npos);
}

TEST_CASE("a new data disk is a hole of the declared size; an existing one is kept") {
  char tmpl[] = "/tmp/azemu-disk-XXXXXX";
  std::string dir = mkdtemp(tmpl);
  std::string path = dir + "/d.img";
  CHECK(create_sparse_disk(path, 1ll << 30));
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  CHECK(st.st_size == 1ll << 30);
  CHECK(st.st_blocks == 0);
  CHECK_FALSE(create_sparse_disk(path, 1ll << 20));
  REQUIRE(stat(path.c_str(), &st) == 0);
  CHECK(st.st_size == 1ll << 30);
  std::filesystem::remove_all(dir);
}
