#include "vm-sim/disk/luks_volume.hpp"

#include "tests/vm-sim/disk/disk_test_support.hpp"
#include "vm-sim/disk/crypto_plaintext_reader.hpp"
#include "vm-sim/disk/disk_error.hpp"
#include "vm-sim/disk/sparse_file.hpp"

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

using namespace azemu::vm::disk;
namespace td = azemu::testing::disk;

namespace {

// The plaintext the guest would see through dm-crypt, checked with debugfs on an exported copy.
void check_marker_readable(const std::filesystem::path& image, const std::string& passphrase) {
  const auto plain = image.string() + ".plain";
  PlaintextReader(image, passphrase).export_to(plain);
  const std::string cat = td::debugfs_cat(plain, "/marker");
  CHECK(cat.find(td::kMarker + " line 0\n") != std::string::npos);
  CHECK(cat.find(td::kMarker + " line 1999\n") != std::string::npos);
  std::filesystem::remove(plain);
}

}  // namespace

TEST_SUITE("luks_encrypt") {
  TEST_CASE("encrypting an ext4 image in place: LUKS2, no plaintext left, slot 0 opens, data preserved") {
    const auto dir = td::temp_dir("luks-encrypt");
    const auto image = td::make_ext4_image(dir, "data.img", 64);
    REQUIRE(td::count_occurrences(image, td::kMarker) == 2000);

    std::vector<int> reported;
    EncryptOptions options;
    options.format.label = "azemu-data";
    const auto outcome = encrypt_in_place(image, "pass phrase", options, [&](int percent) {
      reported.push_back(percent);
      return ProgressVerdict::carry_on;
    });

    CHECK(outcome == ReencryptOutcome::finished);
    CHECK(is_luks(image));
    const LuksHeader header = inspect(image);
    CHECK(header.version == 2);
    CHECK(header.cipher == "aes-xts-plain64");
    CHECK(header.key_size_bits == 512);
    CHECK(header.label == "azemu-data");
    CHECK(header.data_offset_bytes == (16u << 20));  // half the default 32 MiB reduction
    CHECK_FALSE(header.reencryption_in_progress);
    CHECK(std::filesystem::file_size(image) == (64u << 20));
    CHECK(td::count_occurrences(image, td::kMarker) == 0);
    CHECK(test_passphrase(image, "pass phrase") == 0);
    CHECK(test_passphrase(image, "pass phrasE") == std::nullopt);
    REQUIRE_FALSE(reported.empty());
    CHECK(reported.back() == 100);
    CHECK(std::is_sorted(reported.begin(), reported.end()));
    check_marker_readable(image, "pass phrase");
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("sparseness is restored: free filesystem blocks and header zeros become holes again") {
    const auto dir = td::temp_dir("luks-encrypt");
    const auto image = td::make_ext4_image(dir, "data.img", 128);
    const auto before = allocated_bytes(image);
    encrypt_in_place(image, "pw");
    const auto after = allocated_bytes(image);
    MESSAGE("allocated before " << (before >> 10) << " KiB, after " << (after >> 10) << " KiB");
    CHECK(after < (32u << 20));  // without punching it would be the full 128 MiB
    check_marker_readable(image, "pw");

    const auto dense = td::make_ext4_image(dir, "dense.img", 128);
    EncryptOptions keep;
    keep.restore_sparseness = false;
    encrypt_in_place(dense, "pw", keep);
    CHECK(allocated_bytes(dense) >= (127u << 20));
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("stopping through the progress callback leaves a resumable header; the next call finishes") {
    const auto dir = td::temp_dir("luks-encrypt");
    const auto image = td::make_ext4_image(dir, "data.img", 64);
    const auto first = encrypt_in_place(image, "pw", {}, [](int percent) {
      return percent >= 30 ? ProgressVerdict::stop : ProgressVerdict::carry_on;
    });
    CHECK(first == ReencryptOutcome::interrupted);
    CHECK(is_luks(image));
    CHECK(inspect(image).reencryption_in_progress);
    CHECK(test_passphrase(image, "pw") == 0);

    SUBCASE("a wrong passphrase cannot resume it") {
      try {
        encrypt_in_place(image, "not it");
        FAIL("resumed with a wrong passphrase");
      } catch (const DiskError& e) {
        CHECK(e.error_code() == EPERM);
      }
      CHECK(inspect(image).reencryption_in_progress);
    }
    SUBCASE("the right one finishes it") {
      int lowest = 101;
      CHECK(encrypt_in_place(image, "pw", {}, [&](int percent) {
              lowest = std::min(lowest, percent);
              return ProgressVerdict::carry_on;
            }) == ReencryptOutcome::finished);
      CHECK(lowest >= 25);  // resumed where it stopped, not from the start
      CHECK_FALSE(inspect(image).reencryption_in_progress);
      CHECK(td::count_occurrences(image, td::kMarker) == 0);
      check_marker_readable(image, "pw");
    }
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("a process killed in the middle of encryption is recovered and finished by the next call") {
    // 128 MiB: seven 16 MiB hotzones, reported at 14, 28, 42, 57, 71, 85 %. Killing at 85 % hits the
    // state libcryptsetup 2.6.1 itself cannot resume (only the parked first segment left).
    int kill_at = 0;
    SUBCASE("killed half-way") { kill_at = 40; }
    SUBCASE("killed before the last hotzone") { kill_at = 80; }
    const auto dir = td::temp_dir("luks-encrypt");
    const auto image = td::make_ext4_image(dir, "data.img", 128);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      // Dies without any cleanup, right after a hotzone was written.
      encrypt_in_place(image, "pw", {}, [&](int percent) {
        if (percent >= kill_at) ::_exit(42);
        return ProgressVerdict::carry_on;
      });
      ::_exit(0);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 42);
    CHECK(inspect(image).reencryption_in_progress);

    CHECK(encrypt_in_place(image, "pw") == ReencryptOutcome::finished);
    const LuksHeader header = inspect(image);
    CHECK_FALSE(header.reencryption_in_progress);
    CHECK(header.data_offset_bytes == (16u << 20));
    CHECK(test_passphrase(image, "pw") == 0);
    CHECK(td::count_occurrences(image, td::kMarker) == 0);
    check_marker_readable(image, "pw");
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("refusals: already LUKS (EEXIST), no ext filesystem (EINVAL), no room without shrinking (ENOSPC)") {
    const auto dir = td::temp_dir("luks-encrypt");
    const auto luks = dir / "luks.img";
    create_sparse(luks, 32 << 20);
    format(luks, "pw");
    const auto zeros = dir / "zeros.img";
    create_sparse(zeros, 64 << 20);
    const auto full = td::make_ext4_image(dir, "full.img", 64);
    EncryptOptions no_shrink;
    no_shrink.shrink_filesystem = false;

    auto code = [](auto&& fn) {
      try {
        fn();
      } catch (const DiskError& e) {
        return e.error_code();
      }
      return 0;
    };
    CHECK(code([&] { encrypt_in_place(luks, "pw"); }) == EEXIST);
    CHECK(code([&] { encrypt_in_place(zeros, "pw"); }) == EINVAL);
    CHECK(code([&] { encrypt_in_place(full, "pw", no_shrink); }) == ENOSPC);
    CHECK_FALSE(is_luks(full));
    CHECK(td::count_occurrences(full, td::kMarker) == 2000);
    std::filesystem::remove_all(dir);
  }
}
