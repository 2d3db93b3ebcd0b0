#include "vm-sim/disk/luks_volume.hpp"

#include "tests/vm-sim/disk/disk_test_support.hpp"
#include "vm-sim/disk/disk_error.hpp"
#include "vm-sim/disk/sparse_file.hpp"

#include <doctest/doctest.h>

#include <cerrno>

using namespace azemu::vm::disk;
namespace td = azemu::testing::disk;

namespace {
int error_of(auto&& fn) {
  try {
    fn();
  } catch (const DiskError& e) {
    return e.error_code();
  }
  return 0;
}
}  // namespace

TEST_SUITE("luks_keys") {
  TEST_CASE("the right passphrase opens slot 0, a wrong one is refused") {
    const auto dir = td::temp_dir("luks-keys");
    const auto image = dir / "disk.img";
    create_sparse(image, 32 << 20);
    format(image, "right");
    CHECK(test_passphrase(image, "right") == 0);
    CHECK(test_passphrase(image, "wrong") == std::nullopt);
    CHECK(test_passphrase(image, "righ") == std::nullopt);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("add_key adds a slot the new passphrase opens; remove_key removes exactly that slot") {
    const auto dir = td::temp_dir("luks-keys");
    const auto image = dir / "disk.img";
    create_sparse(image, 32 << 20);
    format(image, "first");

    const int slot = add_key(image, "first", "second", PbkdfParams::argon2id_light());
    CHECK(slot == 1);
    CHECK(test_passphrase(image, "second") == 1);
    CHECK(test_passphrase(image, "first") == 0);
    const LuksHeader header = inspect(image);
    REQUIRE(header.keyslots.size() == 2);
    CHECK(header.keyslots[1].kdf == "argon2id");

    CHECK(remove_key(image, "first") == 0);
    CHECK(test_passphrase(image, "first") == std::nullopt);
    CHECK(test_passphrase(image, "second") == 1);
    REQUIRE(inspect(image).keyslots.size() == 1);
    CHECK(inspect(image).keyslots[0].slot == 1);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("add_key with a wrong existing passphrase is EPERM and adds nothing") {
    const auto dir = td::temp_dir("luks-keys");
    const auto image = dir / "disk.img";
    create_sparse(image, 32 << 20);
    format(image, "first");
    CHECK(error_of([&] { add_key(image, "nope", "second"); }) == EPERM);
    CHECK(inspect(image).keyslots.size() == 1);
    CHECK(error_of([&] { remove_key(image, "nope"); }) == EPERM);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("removing the last keyslot is refused unless allowed") {
    const auto dir = td::temp_dir("luks-keys");
    const auto image = dir / "disk.img";
    create_sparse(image, 32 << 20);
    format(image, "only");
    CHECK(error_of([&] { remove_key(image, "only"); }) == EBUSY);
    CHECK(test_passphrase(image, "only") == 0);
    CHECK(remove_key(image, "only", /*allow_last=*/true) == 0);
    CHECK(inspect(image).keyslots.empty());
    std::filesystem::remove_all(dir);
  }
}
