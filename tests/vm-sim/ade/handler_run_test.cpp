// The handler's enable flows on the host (AZEMU_ADE_ROOT-style temp root): dual-pass pass 2 and
// its daemon, the re-report after the OS-encryption reboot, single pass 1.x, DisableEncryption,
// EnableEncryptionFormatAll, and the error paths with ADE's codes and messages. A fake guest
// answers the commands (mount table, /dev/mapper nodes, cryptsetup progress); the real commands run
// in UML guests (tests/vm-sim/uml/uml_ade_test.cpp).
#include "vm-sim/ade/encryption_daemon.hpp"
#include "vm-sim/ade/handler_run.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace azemu::vm::ade;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A guest as far as the handler can tell: /proc/mounts follows mount/umount, cryptsetup open/close
/// make and remove /dev/mapper nodes, reencrypt prints progress. Every command is recorded.
struct FakeGuest : CommandRunner {
  fs::path root;
  std::vector<std::string> commands;
  explicit FakeGuest(fs::path r) : root(std::move(r)) {}

  void set_mounts(const std::string& text) const { std::ofstream(root / "proc/mounts", std::ios::trunc) << text; }

  std::map<std::string, CommandResult> answers;  // command prefix -> result (default: exit 0, no output)

  CommandResult run(const std::vector<std::string>& argv, const std::function<void(const std::string&)>& on_line) override {
    std::string joined;
    for (const auto& a : argv) joined += (joined.empty() ? "" : " ") + a;
    commands.push_back(joined);
    for (const auto& [prefix, result] : answers)
      if (joined.starts_with(prefix)) return result;
    if (argv[0] == "umount") {
      std::istringstream in(read(root / "proc/mounts"));
      std::string line, out;
      while (std::getline(in, line))
        if (line.find(" " + argv[1] + " ") == std::string::npos) out += line + "\n";
      set_mounts(out);
    } else if (argv[0] == "mount" && argv.size() == 5) {
      std::ofstream(root / "proc/mounts", std::ios::app) << argv[3] << " " << argv[4] << " " << argv[2] << " rw 0 0\n";
    } else if (argv[0] == "cryptsetup" && argv[1] == "open") {
      std::ofstream(root / "dev/mapper" / argv.back()) << "";
    } else if (argv[0] == "cryptsetup" && argv[1] == "close") {
      fs::remove(root / "dev/mapper" / argv[2]);
    } else if (argv[0] == "cryptsetup" && argv[1] == "reencrypt" && on_line) {
      on_line(R"({"device":"x","device_bytes":"50","device_size":"100"})");
    }
    return {0, ""};
  }
  std::size_t count(const std::string& prefix) const {
    std::size_t n = 0;
    for (const auto& c : commands) n += c.starts_with(prefix);
    return n;
  }
};

/// A VM root with the OS disk at / and one ext4 data disk (LUN 0, /dev/sdc, 256 MiB) at /data,
/// plus a handler folder for `version`.
struct Vm {
  fs::path dir = fs::temp_directory_path() / ("ade-run-" + std::to_string(::getpid()) + "-" + std::to_string(rand()));
  fs::path root = dir / "root";
  fs::path handler;
  FakeGuest guest{root};
  HandlerPaths paths{root};

  explicit Vm(const std::string& version) {
    handler = dir / ("Microsoft.Azure.Security.AzureDiskEncryptionForLinux-" + version);
    for (const char* d : {"proc", "etc", "dev/mapper", "dev/disk/azure/scsi1", "sys/class/block/sdc", "mnt/azure_bek_disk"})
      fs::create_directories(root / d);
    for (const char* d : {"config", "status", "log"}) fs::create_directories(handler / d);
    std::ofstream(root / "dev/sdc") << "";
    fs::create_symlink("../../../sdc", root / "dev/disk/azure/scsi1/lun0");
    std::ofstream(root / "sys/class/block/sdc/size") << (256 * 2048);
    std::ofstream(root / "etc/fstab") << "/dev/sda / ext4 defaults 0 1\n";
    guest.set_mounts("/dev/sda / ext4 rw 0 0\n/dev/sdc /data ext4 rw 0 0\n");
    json env = json::array({{{"name", "AzureDiskEncryptionForLinux"},
                             {"version", 1.0},
                             {"handlerEnvironment",
                              {{"logFolder", (handler / "log").string()},
                               {"configFolder", (handler / "config").string()},
                               {"statusFolder", (handler / "status").string()}}}}});
    std::ofstream(handler / "HandlerEnvironment.json") << env.dump();
    unsetenv("ConfigSequenceNumber");  // the handler then takes the highest config/<N>.settings
  }
  ~Vm() { fs::remove_all(dir); }

  void bek(const std::string& file) const { std::ofstream(root / "mnt/azure_bek_disk" / file) << "passphrase"; }

  void settings(int seq, const json& pub) const {
    json s = {{"runtimeSettings", json::array({{{"handlerSettings", {{"publicSettings", pub}, {"protectedSettings", nullptr}}}}})}};
    std::ofstream(handler / "config" / (std::to_string(seq) + ".settings")) << s.dump();
  }

  /// `enable` as the agent runs it, with the daemon run to completion in this process.
  int enable() {
    HandlerContext ctx = HandlerContext::load(handler);
    HandlerRun run(ctx, paths, std::nullopt, guest);
    run.set_daemon_starter([this](const HandlerRun& r) { run_encryption_daemon(r, guest); });
    return run.enable();
  }

  json status(int seq) const { return json::parse(read(handler / "status" / (std::to_string(seq) + ".status")))[0]["status"]; }
  std::string summary(int seq) const {
    json s = status(seq);
    return s["operation"].get<std::string>() + " " + s["status"].get<std::string>() + " " + s["code"].get<std::string>() +
           " " + s["formattedMessage"]["message"].get<std::string>();
  }
  std::string substatus(int seq) const { return status(seq)["substatus"][0]["formattedMessage"]["message"]; }
  /// Every status reported so far, in order ("op status code msg"), from the extension log.
  std::vector<std::string> reports() const {
    std::vector<std::string> out;
    std::istringstream in(read(handler / "log/extension.log"));
    for (std::string line; std::getline(in, line);) {
      auto at = line.find("op: ");
      if (line.find("[StatusReport") == std::string::npos || at == std::string::npos) continue;
      out.push_back(line.substr(at, line.find(" substatus: ") - at));
    }
    return out;
  }
  bool reported(const std::string& text) const {
    for (const auto& r : reports())
      if (r == text) return true;
    return false;
  }
};

json dual_pass_settings(const std::string& volume_type, const std::string& operation = "EnableEncryption") {
  return {{"KeyVaultURL", "https://kv1.vault.azure.net"},
          {"VolumeType", volume_type},
          {"EncryptionOperation", operation},
          {"KeyEncryptionKeyURL", nullptr},
          {"KeyEncryptionAlgorithm", "RSA-OAEP"},
          {"SequenceVersion", "b0e3c1d2-0000-4000-8000-000000000001"},
          {"AADClientID", "11111111-2222-3333-4444-555555555555"}};
}

json single_pass_settings(const std::string& volume_type, const std::string& operation = "EnableEncryption") {
  return {{"KeyVaultURL", "https://kv1.vault.azure.net"},
          {"VolumeType", volume_type},
          {"EncryptionOperation", operation},
          {"KeyEncryptionKeyURL", ""},
          {"KeyEncryptionAlgorithm", "RSA-OAEP"},
          {"SequenceVersion", "b0e3c1d2-0000-4000-8000-000000000002"},
          {"KeyVaultResourceId", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1"},
          {"KekVaultResourceId", ""}};
}

/// Pass 1's result as the dual-pass handler leaves it (tested against azemu's Key Vault in e2e).
void pass_one_done(const Vm& vm, const std::string& volume_type) {
  AdeState state(vm.paths);
  state.save_config({"https://kv1.vault.azure.net/secrets/5e1c/0123456789abcdef0123456789abcdef", volume_type,
                     "LinuxPassPhraseFileName", 0});
  state.mark_encryption({"EnableEncryption", volume_type});
  std::ofstream(vm.handler / "mrseq") << 0;
}

}  // namespace

TEST_SUITE("handler_run") {
  TEST_CASE("dual pass 2, All: secret URL again, data encrypted in place, OS handed to the restart; after it, succeeded") {
    Vm vm("0.1");
    vm.settings(0, dual_pass_settings("All"));
    pass_one_done(vm, "All");
    vm.bek("LinuxPassPhraseFileName");
    CHECK(vm.enable() == 0);

    auto reports = vm.reports();
    REQUIRE(reports.size() >= 4);
    CHECK(reports[0] == "op: EnableEncryption status: success code: 0 msg: https://kv1.vault.azure.net/secrets/5e1c/0123456789abcdef0123456789abcdef");
    CHECK(vm.reported("op: DataCopy status: success code: 0 msg: Encrypting data volume 1/1: 0%"));
    CHECK(vm.reported("op: DataCopy status: success code: 0 msg: Encrypting data volume 1/1: 50%"));
    CHECK(vm.reported("op: DataCopy status: success code: 0 msg: Encrypting data volume 1/1: 100%"));
    CHECK(vm.summary(0) == "EnableEncryptionOSVolume success 0 OS disk successfully encrypted, please reboot the VM");
    CHECK(vm.substatus(0) == R"({"os": "VMRestartPending", "data": "Encrypted"})");
    CHECK(fs::exists(vm.paths.os_encryption_request()));
    CHECK_FALSE(AdeState(vm.paths).marker().has_value());
    CHECK(vm.guest.count("cryptsetup reencrypt --encrypt") == 1);
    std::string crypttab = read(vm.root / "etc/crypttab");
    CHECK(crypttab.find(" /dev/disk/azure/scsi1/lun0 /mnt/azure_bek_disk/LinuxPassPhraseFileName luks,nofail\n") != std::string::npos);
    CHECK(read(vm.root / "etc/fstab").find("/dev/mapper/") != std::string::npos);

    // The runtime encrypted / at the restart; the agent re-runs enable with the same sequence number.
    std::string mapper = crypttab.substr(0, crypttab.find(' '));
    vm.guest.set_mounts("/dev/mapper/osencrypt / ext4 rw 0 0\n/dev/mapper/" + mapper + " /data ext4 rw 0 0\n");
    std::size_t commands_before = vm.guest.commands.size();
    CHECK(vm.enable() == 0);
    CHECK(vm.summary(0) == "EnableEncryptionOSVolume success 0 Encryption succeeded for all volumes");
    CHECK(vm.substatus(0) == R"({"os": "Encrypted", "data": "Encrypted"})");
    CHECK_FALSE(fs::exists(vm.paths.os_encryption_request()));
    CHECK(vm.guest.commands.size() == commands_before);  // nothing encrypted again
    CHECK(AdeState(vm.paths).config()->secret_id.ends_with("0123456789abcdef"));  // same secret
  }

  TEST_CASE("dual pass 2, Data: Encryption succeeded for data volumes, no OS request") {
    Vm vm("0.1");
    vm.settings(0, dual_pass_settings("Data"));
    pass_one_done(vm, "Data");
    vm.bek("LinuxPassPhraseFileName");
    vm.enable();
    CHECK(vm.summary(0) == "EnableEncryptionDataVolumes success 0 Encryption succeeded for data volumes");
    CHECK(vm.substatus(0) == R"({"os": "NotEncrypted", "data": "Encrypted"})");
    CHECK_FALSE(fs::exists(vm.paths.os_encryption_request()));
  }

  TEST_CASE("dual pass: a request whose secret exists is never sent to Key Vault again") {
    Vm vm("0.1");
    vm.settings(0, dual_pass_settings("Data"));
    pass_one_done(vm, "Data");
    vm.bek("LinuxPassPhraseFileName");
    fs::remove(vm.handler / "mrseq");  // pass 2 arrived without pass 1 in this folder (as in the UML test)
    vm.enable();
    REQUIRE(vm.summary(0) == "EnableEncryptionDataVolumes success 0 Encryption succeeded for data volumes");
    CHECK(read(vm.handler / "mrseq") == "0");
    // Boot re-run: the last result, not a new secret (there is no proxy here: a Key Vault call would
    // end in "Enable failed.").
    vm.enable();
    CHECK(vm.summary(0) == "EnableEncryptionDataVolumes success 0 Encryption succeeded for data volumes");
    // Even with the handler's memory gone, the config's secret for this sequence number is reported.
    fs::remove(vm.handler / "mrseq");
    fs::remove(vm.handler / "azemu_last_report.json");
    fs::remove(vm.handler / "status/0.status");
    vm.enable();
    CHECK(vm.summary(0) == "EnableEncryption success 0 https://kv1.vault.azure.net/secrets/5e1c/0123456789abcdef0123456789abcdef");
  }

  TEST_CASE("a reboot in the middle of the copy: the daemon resumes that volume from the ongoing item") {
    Vm vm("0.1");
    vm.settings(0, dual_pass_settings("Data"));
    pass_one_done(vm, "Data");
    vm.bek("LinuxPassPhraseFileName");
    AdeState(vm.paths).save_ongoing_item({"m-resumed", "/dev/sdc", "/data", "ext4", "/dev/disk/azure/scsi1/lun0",
                                          "/mnt/azure_bek_disk/LinuxPassPhraseFileName"});
    vm.guest.set_mounts("/dev/sda / ext4 rw 0 0\n");  // the half-encrypted volume did not mount at boot

    SUBCASE("LUKS with the reencryption unfinished: resumed, opened, mounted, recorded") {
      vm.guest.answers["cryptsetup luksDump"] = {0, "LUKS header information\nRequirements:\tonline-reencrypt\n"};
      vm.enable();
      CHECK(vm.guest.count("cryptsetup repair --key-file " + (vm.root / "mnt/azure_bek_disk/LinuxPassPhraseFileName").string() +
                           " -q /dev/sdc") == 1);
      CHECK(vm.guest.count("cryptsetup reencrypt --resume-only --key-file " +
                           (vm.root / "mnt/azure_bek_disk/LinuxPassPhraseFileName").string()) == 1);
      CHECK(vm.guest.count("cryptsetup open --key-file " + (vm.root / "mnt/azure_bek_disk/LinuxPassPhraseFileName").string() +
                           " /dev/sdc m-resumed") == 1);
      CHECK(vm.guest.count("mount -t ext4 /dev/mapper/m-resumed /data") == 1);
      CHECK(vm.guest.count("cryptsetup reencrypt --encrypt") == 0);
      CHECK(vm.reported("op: DataCopy status: success code: 0 msg: Encrypting data volume 1/1: 50%"));
      CHECK(read(vm.root / "etc/crypttab") ==
            "m-resumed /dev/disk/azure/scsi1/lun0 /mnt/azure_bek_disk/LinuxPassPhraseFileName luks,nofail\n");
      CHECK(vm.summary(0) == "EnableEncryptionDataVolumes success 0 Encryption succeeded for data volumes");
      CHECK(vm.substatus(0) == R"({"os": "NotEncrypted", "data": "Encrypted"})");
      CHECK_FALSE(AdeState(vm.paths).ongoing_item().has_value());
    }
    SUBCASE("no LUKS header yet: the plain volume is mounted again and encrypted from the start") {
      vm.guest.answers["cryptsetup isLuks"] = {1, ""};
      vm.enable();
      CHECK(vm.guest.count("mount -t ext4 /dev/sdc /data") == 1);
      CHECK(vm.guest.count("cryptsetup reencrypt --resume-only") == 0);
      CHECK(vm.guest.count("cryptsetup reencrypt --encrypt") == 1);
      CHECK(vm.summary(0) == "EnableEncryptionDataVolumes success 0 Encryption succeeded for data volumes");
      CHECK_FALSE(AdeState(vm.paths).ongoing_item().has_value());
    }
  }

  TEST_CASE("new settings while the daemon runs are rejected with ADE's message") {
    Vm vm("1.1");
    vm.bek("LinuxPassPhraseFileName");
    vm.settings(0, single_pass_settings("Data"));
    vm.enable();
    REQUIRE(vm.summary(0) == "EnableEncryptionDataVolumes success 0 Encryption succeeded for data volumes");
    // A daemon holds the lock (as a running encryption does).
    int fd = ::open((vm.paths.state_dir() / "daemon_lock_file.lck").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
    vm.settings(1, {{"VolumeType", "Data"}, {"EncryptionOperation", "DisableEncryption"}, {"SequenceVersion", "y"}});
    vm.enable();
    CHECK(vm.summary(1) == "EnableEncryptionDataVolumes success 0 An operation is already in progress. Please wait for it to complete.");
    CHECK(vm.guest.count("cryptsetup reencrypt --decrypt") == 0);
    ::close(fd);
    // Once it is done, the same settings are taken.
    vm.enable();
    CHECK(vm.summary(1) == "Disable success 0 Decryption succeeded");
  }

  TEST_CASE("dual pass 2 without the key file: error 15") {
    Vm vm("0.1");
    vm.settings(0, dual_pass_settings("Data"));
    pass_one_done(vm, "Data");
    vm.enable();
    CHECK(vm.summary(0) == "EnableEncryption error 15 Passphrase file not found.");
    CHECK(vm.guest.commands.empty());
  }

  TEST_CASE("single pass: no BEK volume is error 52; with it, stamped then encrypted with the per-disk key") {
    Vm vm("1.1");
    vm.settings(0, single_pass_settings("Data"));
    fs::remove_all(vm.root / "mnt/azure_bek_disk");
    CHECK(vm.enable() == 52);
    CHECK(vm.summary(0) == "EnableEncryption error 52 BEK disk is missing or not initialized. BEK disk is not attached.");

    fs::create_directories(vm.root / "mnt/azure_bek_disk");
    vm.bek("LinuxPassPhraseFileName");
    vm.bek("LinuxPassPhraseFileName_0_0");
    vm.settings(1, single_pass_settings("Data"));
    CHECK(vm.enable() == 0);
    CHECK(vm.reported("op: EnableEncryption status: transitioning code: 0 msg: "));
    CHECK(vm.reported("op: StartEncryption status: success code: 0 msg: Encryption settings stamped"));
    CHECK(vm.reported("op: DataCopy status: success code: 0 msg: Encrypting data volume 1/1: 50%"));
    CHECK(vm.summary(1) == "EnableEncryptionDataVolumes success 0 Encryption succeeded for data volumes");
    CHECK(vm.substatus(1) == R"({"os": "NotEncrypted", "data": "Encrypted"})");
    CHECK(vm.guest.count("cryptsetup reencrypt --encrypt --type luks2 --reduce-device-size 32M --pbkdf pbkdf2 "
                         "--pbkdf-force-iterations 1000 --key-file " +
                         (vm.root / "mnt/azure_bek_disk/LinuxPassPhraseFileName_0_0").string()) == 1);
    CHECK(read(vm.root / "etc/crypttab").find(" /dev/disk/azure/scsi1/lun0 /mnt/azure_bek_disk/LinuxPassPhraseFileName_0_0 luks,nofail") !=
          std::string::npos);

    // Boot re-run: same sequence number, the last result again, nothing run.
    std::size_t before = vm.guest.commands.size();
    vm.enable();
    CHECK(vm.summary(1) == "EnableEncryptionDataVolumes success 0 Encryption succeeded for data volumes");
    CHECK(vm.guest.commands.size() == before);

    // A new sequence number for what is already encrypted: success at once.
    vm.settings(2, single_pass_settings("Data"));
    vm.enable();
    CHECK(vm.summary(2) == "EnableEncryption success 0 Encryption succeeded for data volumes");
    CHECK(vm.guest.commands.size() == before);

    // Going down from Data to OS is refused (only "same" or "All" are allowed).
    vm.settings(3, single_pass_settings("OS"));
    CHECK(vm.enable() == 53);
    CHECK(vm.summary(3) == "Enable error 53 Moving from volume type Data to volume type OS is not allowed");
  }

  TEST_CASE("single pass OS: the request file, VMRestartPending, then succeeded for OS volume after the reboot") {
    Vm vm("1.1");
    vm.bek("LinuxPassPhraseFileName");
    vm.settings(0, single_pass_settings("OS"));
    vm.enable();
    CHECK(vm.summary(0) == "EnableEncryptionOSVolume success 0 OS disk successfully encrypted, please reboot the VM");
    CHECK(vm.substatus(0) == R"({"os": "VMRestartPending", "data": "NotEncrypted"})");
    CHECK(vm.guest.count("cryptsetup") == 0);  // OS only: the data disk is left alone
    vm.guest.set_mounts("/dev/mapper/osencrypt / ext4 rw 0 0\n/dev/sdc /data ext4 rw 0 0\n");
    vm.enable();
    CHECK(vm.summary(0) == "EnableEncryptionOSVolume success 0 Encryption succeeded for OS volume");
    CHECK(vm.substatus(0) == R"({"os": "Encrypted", "data": "NotEncrypted"})");
    CHECK_FALSE(fs::exists(vm.paths.os_encryption_request()));
  }

  TEST_CASE("EnableEncryptionFormatAll formats Azure data disks instead of copying, nothing else") {
    Vm vm("1.1");
    vm.bek("LinuxPassPhraseFileName");
    std::ofstream(vm.root / "dev/sdd") << "";
    vm.guest.set_mounts("/dev/sda / ext4 rw 0 0\n/dev/sdc /data ext4 rw 0 0\n/dev/sdd /other ext4 rw 0 0\n");
    vm.settings(0, single_pass_settings("Data", "EnableEncryptionFormatAll"));
    vm.enable();
    CHECK(vm.reported("op: EnableEncryptionFormatAll status: success code: 0 msg: Encrypting and formatting 1 data volumes"));
    CHECK(vm.summary(0) == "EnableEncryptionDataVolumes success 0 Encryption succeeded for data volumes");
    CHECK(vm.guest.count("cryptsetup luksFormat") == 1);
    CHECK(vm.guest.count("mke2fs -q -F -t ext4 /dev/mapper/") == 1);
    CHECK(vm.guest.count("cryptsetup reencrypt") == 0);
    CHECK(vm.guest.count("umount /other") == 0);  // /dev/sdd has no lun link: not an Azure data disk
  }

  TEST_CASE("DisableEncryption: refused while the OS volume is encrypted; otherwise data decrypted and configs restored") {
    Vm vm("1.1");
    vm.bek("LinuxPassPhraseFileName");
    std::ofstream(vm.root / "etc/fstab", std::ios::app) << "/dev/sdc /data ext4 defaults 0 2\n";
    vm.settings(0, single_pass_settings("Data"));
    vm.enable();
    REQUIRE(vm.summary(0) == "EnableEncryptionDataVolumes success 0 Encryption succeeded for data volumes");
    std::string crypttab = read(vm.root / "etc/crypttab");
    std::string mapper = crypttab.substr(0, crypttab.find(' '));

    SUBCASE("OS encrypted: error 100") {
      vm.guest.set_mounts("/dev/mapper/osencrypt / ext4 rw 0 0\n/dev/mapper/" + mapper + " /data ext4 rw 0 0\n");
      vm.settings(1, {{"VolumeType", "Data"}, {"EncryptionOperation", "DisableEncryption"}, {"SequenceVersion", "x"}});
      CHECK(vm.enable() == 100);
      CHECK(vm.summary(1).starts_with(
          "DisableEncryption error 100 Failed to disable the extension with error: Disabling encryption is not supported "
          "when OS volume is encrypted, stack trace: "));
      CHECK(vm.guest.count("cryptsetup reencrypt --decrypt") == 0);
    }
    SUBCASE("OS not encrypted: decrypted in place") {
      vm.settings(1, {{"VolumeType", "Data"}, {"EncryptionOperation", "DisableEncryption"}, {"SequenceVersion", "x"}});
      CHECK(vm.enable() == 0);
      CHECK(vm.reported("op: DisableEncryption status: success code: 0 msg: Encryption settings cleared"));
      CHECK(vm.reported("op: DisableEncryption status: success code: 0 msg: Decryption started"));
      CHECK(vm.summary(1) == "Disable success 0 Decryption succeeded");
      CHECK(vm.substatus(1) == R"({"os": "NotEncrypted", "data": "NotEncrypted"})");
      std::string header = (vm.paths.state_dir() / ("azure_decrypt_header_" + mapper)).string();
      CHECK(vm.guest.count("cryptsetup reencrypt --decrypt --header " + header + " --key-file " +
                           (vm.root / "mnt/azure_bek_disk/LinuxPassPhraseFileName").string()) == 1);
      CHECK(vm.guest.count("resize2fs /dev/disk/azure/scsi1/lun0") == 1);
      CHECK(vm.guest.count("mount -t ext4 /dev/disk/azure/scsi1/lun0 /data") == 1);
      CHECK(read(vm.root / "etc/crypttab").empty());
      CHECK(read(vm.root / "etc/fstab") ==
            "/dev/sda / ext4 defaults 0 1\n/dev/sdc /data ext4 defaults 0 2\n"
            "LABEL=BEK\\040VOLUME /mnt/azure_bek_disk auto defaults,discard,nofail 0 0\n");
      CHECK_FALSE(AdeState(vm.paths).config().has_value());
    }
  }

  TEST_CASE("unknown volume type and unsupported operation: error 53 with ADE's messages") {
    Vm vm("1.1");
    vm.settings(0, single_pass_settings("Everything"));
    CHECK(vm.enable() == 53);
    CHECK(vm.summary(0) == "Enable error 53 Unknown Volume Type: Everything, has to be one of ['OS', 'Data', 'All']");
    vm.settings(1, single_pass_settings("Data", "QueryEncryptionStatus"));
    CHECK(vm.enable() == 53);
    CHECK(vm.summary(1) == "Enable error 53 Encryption operation QueryEncryptionStatus is not supported");
  }
}
