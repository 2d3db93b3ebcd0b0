#include "vm-sim/ade/encryption_status.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace azemu::vm::ade;
namespace fs = std::filesystem;

namespace {
struct TempRoot {
  fs::path dir = fs::temp_directory_path() / ("ade-status-" + std::to_string(::getpid()) + "-" + std::to_string(rand()));
  TempRoot() { fs::create_directories(dir / "proc"); }
  ~TempRoot() { fs::remove_all(dir); }
  void mounts(const std::string& text) const { std::ofstream(dir / "proc/mounts") << text; }
};
}  // namespace

TEST_SUITE("encryption_status") {
  TEST_CASE("mount fields are unescaped and data volumes exclude root, BEK and resource disk") {
    auto m = parse_mounts(
        "/dev/ubda / ext4 rw 0 0\n/dev/ubdb /mnt/azure_bek_disk vfat ro 0 0\n/dev/ubdc /data\\040disk ext4 rw 0 0\n"
        "/dev/sdb1 /mnt ext4 rw 0 0\nproc /proc proc rw 0 0\n");
    REQUIRE(m.size() == 5);
    CHECK(m[2].target == "/data disk");
    auto d = data_volumes(m);
    REQUIRE(d.size() == 1);
    CHECK(d[0].source == "/dev/ubdc");
  }

  TEST_CASE("state from mounts and markers") {
    TempRoot root;
    HandlerPaths paths(root.dir);
    AdeState state(paths);
    SUBCASE("plain VM without data volumes") {
      root.mounts("/dev/ubda / ext4 rw 0 0\n");
      auto s = current_encryption_state(paths, state);
      CHECK(s.os == "NotEncrypted");
      CHECK(s.data == "NotMounted");
    }
    SUBCASE("marker with volume type All: both in progress") {
      root.mounts("/dev/ubda / ext4 rw 0 0\n/dev/ubdc /data ext4 rw 0 0\n");
      state.save_config({"https://kv/secrets/a/b", "ALL", "LinuxPassPhraseFileName", 0});
      state.mark_encryption({"EnableEncryption", "ALL"});
      auto s = current_encryption_state(paths, state);
      CHECK(s.to_message() == R"({"os": "EncryptionInProgress", "data": "EncryptionInProgress"})");
    }
    SUBCASE("data encrypted, OS requested: VMRestartPending until / is on dm-crypt") {
      root.mounts("/dev/ubda / ext4 rw 0 0\n/dev/mapper/abc /data ext4 rw 0 0\n");
      fs::create_directories(paths.state_dir());
      std::ofstream(paths.os_encryption_request()) << "x";
      CHECK(current_encryption_state(paths, state).to_message() == R"({"os": "VMRestartPending", "data": "Encrypted"})");
      root.mounts("/dev/mapper/osencrypt / ext4 rw 0 0\n/dev/mapper/abc /data ext4 rw 0 0\n");
      CHECK(current_encryption_state(paths, state).to_message() == R"({"os": "Encrypted", "data": "Encrypted"})");
    }
  }
}
