#include "vm-sim/ade/data_volume_encryptor.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace azemu::vm::ade;
namespace fs = std::filesystem;

namespace {
/// Records every command; answers cryptsetup reencrypt with two progress lines.
struct RecordingRunner : CommandRunner {
  std::vector<std::string> commands;
  std::string fail_on;
  CommandResult run(const std::vector<std::string>& argv, const std::function<void(const std::string&)>& on_line) override {
    std::string joined;
    for (const auto& a : argv) joined += (joined.empty() ? "" : " ") + a;
    commands.push_back(joined);
    if (!fail_on.empty() && joined.starts_with(fail_on)) return {8, "boom"};  // e2fsck 8: operational error (1 would mean "corrected")
    if (argv.size() > 1 && argv[1] == "reencrypt" && on_line) {
      on_line(R"({"device":"/dev/ubdc","device_bytes":"0","device_size":"100"})");
      on_line(R"({"device":"/dev/ubdc","device_bytes":"37","device_size":"100"})");
    }
    return {0, ""};
  }
};

struct TempRoot {
  fs::path dir = fs::temp_directory_path() / ("ade-dve-" + std::to_string(::getpid()) + "-" + std::to_string(rand()));
  TempRoot() {
    fs::create_directories(dir / "sys/class/block/ubdc");
    fs::create_directories(dir / "etc");
    std::ofstream(dir / "sys/class/block/ubdc/size") << (256 * 2048);  // 256 MiB
    std::ofstream(dir / "etc/fstab") << "/dev/ubda / ext4 defaults 0 1\n/dev/ubdc /data ext4 defaults 0 2\n";
  }
  ~TempRoot() { fs::remove_all(dir); }
  std::string read(const char* p) const {
    std::ifstream in(dir / p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
};
}  // namespace

TEST_SUITE("data_volume_encryptor") {
  TEST_CASE("cryptsetup progress JSON lines become percentages") {
    CHECK(progress_percent(R"({"device":"x","device_bytes":"25","device_size":"100","speed":"1"})") == 25);
    CHECK(progress_percent("not json") == -1);
  }

  TEST_CASE("a mounted ext4 volume is shrunk, encrypted in place, reopened, remounted, and recorded") {
    TempRoot root;
    HandlerPaths paths(root.dir);
    RecordingRunner runner;
    DataVolumeEncryptor e(paths, runner, [](const std::string&) {});
    std::vector<int> percents;
    e.encrypt({"/dev/ubdc", "/data", "ext4"},
              {"/mnt/azure_bek_disk/LinuxPassPhraseFileName", "/mnt/azure_bek_disk/LinuxPassPhraseFileName_0_2"}, "m1",
              "/dev/disk/azure/scsi1/lun2", [&](int p) { percents.push_back(p); });
    REQUIRE(runner.commands.size() == 6);
    CHECK(runner.commands[0] == "umount /data");
    CHECK(runner.commands[1] == "e2fsck -fy /dev/ubdc");
    CHECK(runner.commands[2] == "resize2fs /dev/ubdc 229376K");  // 256 MiB - 32 MiB
    CHECK(runner.commands[3].starts_with("cryptsetup reencrypt --encrypt --type luks2 --reduce-device-size 32M"));
    CHECK(runner.commands[3].ends_with("--key-file /mnt/azure_bek_disk/LinuxPassPhraseFileName --progress-json --progress-frequency 1 -q /dev/ubdc"));
    CHECK(runner.commands[4] == "cryptsetup open --key-file /mnt/azure_bek_disk/LinuxPassPhraseFileName /dev/ubdc m1");
    CHECK(runner.commands[5] == "mount -t ext4 /dev/mapper/m1 /data");
    CHECK(percents == std::vector<int>{0, 0, 37, 100});
    // crypttab names the disk by its lun link and the key file the BEK volume has for it.
    CHECK(root.read("etc/crypttab") ==
          "m1 /dev/disk/azure/scsi1/lun2 /mnt/azure_bek_disk/LinuxPassPhraseFileName_0_2 luks,nofail\n");
    CHECK(root.read("etc/fstab") ==
          "/dev/ubda / ext4 defaults 0 1\n/dev/mapper/m1 /data ext4 defaults 0 2\n"
          "LABEL=BEK\\040VOLUME /mnt/azure_bek_disk auto defaults,discard,nofail 0 0\n");
    CHECK(root.read("etc/fstab.azure.backup") == "/dev/ubdc /data ext4 defaults 0 2\n");
  }

  TEST_CASE("a failure before the header is written remounts the plain volume and names the step") {
    TempRoot root;
    HandlerPaths paths(root.dir);
    RecordingRunner runner;
    runner.fail_on = "e2fsck";
    DataVolumeEncryptor e(paths, runner, [](const std::string&) {});
    CHECK_THROWS_WITH(e.encrypt({"/dev/ubdc", "/data", "ext4"}, {"k", "k"}, "m1", "", [](int) {}),
                      doctest::Contains("checking /dev/ubdc failed (exit 8)"));
    CHECK(runner.commands.back() == "mount -t ext4 /dev/ubdc /data");
    CHECK_FALSE(fs::exists(root.dir / "etc/crypttab"));
  }

  TEST_CASE("EnableEncryptionFormatAll: luksFormat, open, mkfs with the volume's file system, mount") {
    TempRoot root;
    HandlerPaths paths(root.dir);
    RecordingRunner runner;
    DataVolumeEncryptor e(paths, runner, [](const std::string&) {});
    e.format({"/dev/ubdc", "/data", "ext3"}, {"/k", "/mnt/azure_bek_disk/LinuxPassPhraseFileName"}, "m2", "/dev/disk/azure/scsi1/lun0");
    REQUIRE(runner.commands.size() == 5);
    CHECK(runner.commands[0] == "umount /data");
    CHECK(runner.commands[1] == "cryptsetup luksFormat --type luks2 --pbkdf pbkdf2 --pbkdf-force-iterations 1000 --key-file /k -q /dev/ubdc");
    CHECK(runner.commands[2] == "cryptsetup open --key-file /k /dev/ubdc m2");
    CHECK(runner.commands[3] == "mke2fs -q -F -t ext3 /dev/mapper/m2");
    CHECK(runner.commands[4] == "mount -t ext3 /dev/mapper/m2 /data");
    CHECK(root.read("etc/crypttab") == "m2 /dev/disk/azure/scsi1/lun0 /mnt/azure_bek_disk/LinuxPassPhraseFileName luks,nofail\n");
  }
}
