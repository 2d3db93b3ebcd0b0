#include "vm-sim/disk/luks_volume.hpp"

#include "tests/vm-sim/disk/disk_test_support.hpp"
#include "vm-sim/disk/disk_error.hpp"
#include "vm-sim/disk/sparse_file.hpp"

#include <doctest/doctest.h>

#include <cerrno>

using namespace azemu::vm::disk;
namespace td = azemu::testing::disk;

TEST_SUITE("luks_inspect") {
  TEST_CASE("a formatted image is LUKS2 aes-xts-plain64 with a 512-bit key, label, uuid and slot 0") {
    const auto dir = td::temp_dir("luks-inspect");
    const auto image = dir / "disk.img";
    create_sparse(image, 32 << 20);
    FormatOptions options;
    options.label = "azemu-data";
    options.uuid = "0b2bd7a7-0a39-4a1e-9a0c-5d3f7a1e2b44";
    format(image, "correct horse", options);

    CHECK(is_luks(image));
    const LuksHeader header = inspect(image);
    CHECK(header.version == 2);
    CHECK(header.uuid == *options.uuid);
    CHECK(header.label == "azemu-data");
    CHECK(header.cipher == "aes-xts-plain64");
    CHECK(header.key_size_bits == 512);
    CHECK(header.sector_size == 512);
    CHECK(header.data_offset_bytes == (16u << 20));  // LUKS2 default: 16 MiB of header + keyslots
    CHECK_FALSE(header.reencryption_in_progress);
    REQUIRE(header.keyslots.size() == 1);
    CHECK(header.keyslots[0].slot == 0);
    CHECK(header.keyslots[0].kdf == "pbkdf2");
    CHECK(header.keyslots[0].priority == "normal");
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("zeros, an ext4 image and a missing file are not LUKS; inspect says EINVAL/ENOENT") {
    const auto dir = td::temp_dir("luks-inspect");
    create_sparse(dir / "zeros.img", 4 << 20);
    const auto ext4 = td::make_ext4_image(dir, "ext4.img", 16);
    CHECK_FALSE(is_luks(dir / "zeros.img"));
    CHECK_FALSE(is_luks(ext4));
    CHECK_FALSE(is_luks(dir / "missing.img"));
    try {
      inspect(ext4);
      FAIL("inspect of ext4 did not throw");
    } catch (const DiskError& e) {
      CHECK(e.error_code() == EINVAL);
    }
    try {
      inspect(dir / "missing.img");
      FAIL("inspect of a missing file did not throw");
    } catch (const DiskError& e) {
      CHECK(e.error_code() == ENOENT);
    }
    std::filesystem::remove_all(dir);
  }
}
