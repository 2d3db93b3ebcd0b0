#include "vm-sim/disk/luks_volume.hpp"

#include "tests/vm-sim/disk/disk_test_support.hpp"

#include <doctest/doctest.h>

using namespace azemu::vm::disk;
namespace td = azemu::testing::disk;

TEST_SUITE("luks_decrypt") {
  TEST_CASE("decrypting an in-place encrypted image gives the original filesystem back at offset 0") {
    const auto dir = td::temp_dir("luks-decrypt");
    const auto image = td::make_ext4_image(dir, "data.img", 64);
    REQUIRE(encrypt_in_place(image, "pw") == ReencryptOutcome::finished);
    REQUIRE(td::count_occurrences(image, td::kMarker) == 0);

    CHECK(decrypt_in_place(image, "pw") == ReencryptOutcome::finished);
    CHECK_FALSE(is_luks(image));
    CHECK_FALSE(std::filesystem::exists(image.string() + ".luks2-decrypt.hdr"));
    CHECK(td::count_occurrences(image, td::kMarker) == 2000);
    const std::string cat = td::debugfs_cat(image, "/marker");
    CHECK(cat.find(td::kMarker + " line 1999\n") != std::string::npos);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("an interrupted decryption resumes from its side header") {
    const auto dir = td::temp_dir("luks-decrypt");
    const auto image = td::make_ext4_image(dir, "data.img", 64);
    REQUIRE(encrypt_in_place(image, "pw") == ReencryptOutcome::finished);
    CHECK(decrypt_in_place(image, "pw", [](int percent) {
            return percent >= 30 ? ProgressVerdict::stop : ProgressVerdict::carry_on;
          }) == ReencryptOutcome::interrupted);
    CHECK(std::filesystem::exists(image.string() + ".luks2-decrypt.hdr"));
    CHECK(decrypt_in_place(image, "pw") == ReencryptOutcome::finished);
    CHECK(td::debugfs_cat(image, "/marker").find(td::kMarker + " line 1999\n") != std::string::npos);
    std::filesystem::remove_all(dir);
  }
}
