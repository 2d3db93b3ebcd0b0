#include "vm-sim/disk/ext_filesystem.hpp"

#include "tests/vm-sim/disk/disk_test_support.hpp"

#include <doctest/doctest.h>

using namespace azemu::vm::disk;
namespace td = azemu::testing::disk;

TEST_SUITE("ext_filesystem") {
  TEST_CASE("the superblock gives the size mke2fs made; a non-ext file gives nothing") {
    const auto dir = td::temp_dir("extfs");
    const auto image = td::make_ext4_image(dir, "a.img", 64);
    const auto geometry = read_ext_geometry(image);
    REQUIRE(geometry);
    CHECK(geometry->bytes() == (64u << 20));
    create_sparse(dir / "zeros.img", 1 << 20);
    CHECK_FALSE(read_ext_geometry(dir / "zeros.img"));
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("shrinking ends the filesystem before the limit, keeps the file size and the data") {
    const auto dir = td::temp_dir("extfs");
    const auto image = td::make_ext4_image(dir, "a.img", 64);
    shrink_ext_filesystem(image, 40u << 20);
    const auto geometry = read_ext_geometry(image);
    REQUIRE(geometry);
    CHECK(geometry->bytes() <= (40u << 20));
    CHECK(geometry->bytes() > (30u << 20));
    CHECK(std::filesystem::file_size(image) == (64u << 20));
    CHECK(td::debugfs_cat(image, "/marker").find(td::kMarker + " line 1999") != std::string::npos);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("free ranges lie inside the filesystem and exclude the marker's blocks") {
    const auto dir = td::temp_dir("extfs");
    const auto image = td::make_ext4_image(dir, "a.img", 64);
    const auto ranges = ext_free_ranges(image);
    REQUIRE_FALSE(ranges.empty());
    std::uint64_t free_bytes = 0;
    for (const auto& r : ranges) {
      CHECK(r.offset + r.length <= (64u << 20));
      free_bytes += r.length;
    }
    CHECK(free_bytes > (40u << 20));  // a 64 MiB ext4 with one small file is mostly free
    CHECK(free_bytes < (64u << 20));
    // Punching every free range must leave the filesystem and its file intact.
    punch_ranges(image, ranges);
    CHECK(td::debugfs_cat(image, "/marker").find(td::kMarker + " line 1999") != std::string::npos);
    std::filesystem::remove_all(dir);
  }
}
