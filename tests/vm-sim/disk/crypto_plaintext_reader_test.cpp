#include "vm-sim/disk/crypto_plaintext_reader.hpp"

#include "tests/vm-sim/disk/disk_test_support.hpp"
#include "vm-sim/disk/disk_error.hpp"
#include "vm-sim/disk/ext_filesystem.hpp"
#include "vm-sim/disk/luks_volume.hpp"

#include <doctest/doctest.h>

#include <cerrno>

using namespace azemu::vm::disk;
namespace td = azemu::testing::disk;

TEST_SUITE("crypto_plaintext_reader") {
  TEST_CASE("reads the ext4 superblock through the encryption; a wrong passphrase is EPERM") {
    const auto dir = td::temp_dir("luks-reader");
    const auto image = td::make_ext4_image(dir, "data.img", 64);
    REQUIRE(encrypt_in_place(image, "pw") == ReencryptOutcome::finished);

    PlaintextReader reader(image, "pw");
    CHECK(reader.size() == (48u << 20));  // 64 MiB minus the 16 MiB data offset
    const auto superblock = reader.read(1024, 1024);
    REQUIRE(superblock.size() == 1024);
    CHECK(superblock[0x38] == 0x53);  // ext magic 0xEF53, little endian
    CHECK(superblock[0x39] == 0xEF);
    const auto tail = reader.read(reader.size() - 10, 100);
    CHECK(tail.size() == 10);  // clipped to the device

    try {
      PlaintextReader wrong(image, "nope");
      FAIL("opened with a wrong passphrase");
    } catch (const DiskError& e) {
      CHECK(e.error_code() == EPERM);
    }
    std::filesystem::remove_all(dir);
  }
}
