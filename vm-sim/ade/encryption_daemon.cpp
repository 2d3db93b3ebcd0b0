// The encryption daemon (see the diagram in the header).
#include "vm-sim/ade/encryption_daemon.hpp"

#include "vm-sim/ade/azure_disk_names.hpp"
#include "vm-sim/ade/bek_volume.hpp"
#include "vm-sim/ade/crypt_config_files.hpp"
#include "vm-sim/ade/data_volume_decryptor.hpp"
#include "vm-sim/ade/data_volume_encryptor.hpp"
#include "vm-sim/ade/encryption_status.hpp"
#include "vm-sim/ade/extension_settings.hpp"
#include "vm-sim/ade/text_files.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

namespace azemu::vm::ade {

namespace fs = std::filesystem;

namespace {
/// flock on the daemon lock file, held until the daemon returns (or its process dies).
class DaemonLock {
 public:
  explicit DaemonLock(const HandlerPaths& paths) {
    fs::create_directories(paths.state_dir());
    fd_ = open((paths.state_dir() / "daemon_lock_file.lck").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    held_ = fd_ >= 0 && flock(fd_, LOCK_EX | LOCK_NB) == 0;
  }
  ~DaemonLock() {
    if (fd_ >= 0) close(fd_);
  }
  DaemonLock(const DaemonLock&) = delete;
  DaemonLock& operator=(const DaemonLock&) = delete;
  bool held() const { return held_; }

 private:
  int fd_ = -1;
  bool held_ = false;
};

std::vector<MountEntry> read_mounts(const HandlerPaths& paths) { return parse_mounts(read_text_file(paths.mounts())); }

std::string fraction(std::size_t i, std::size_t n) { return std::to_string(i + 1) + "/" + std::to_string(n); }

/// Encrypts (or formats) the data volumes; the failure's final status, nullopt on success.
std::optional<StatusReport> encrypt_data_volumes(const HandlerRun& run, CommandRunner& runner, bool format_all) {
  const HandlerPaths& paths = run.paths();
  const AdeState& state = run.state();
  DataVolumeEncryptor encryptor(paths, runner, [&](const std::string& l) { run.context().log(l); });
  auto failed = [](const std::exception& e) {
    return StatusReport{"EnableEncryptionDataVolumes", status::kError, code::kEncryptionFailed,
                        std::string("Failed to encrypt data volumes with error: ") + e.what()};
  };
  auto progress = [&](const std::string& prefix) {
    return [&run, prefix, last = -1](int pct) mutable {
      if (pct == last) return;
      last = pct;
      run.report({"DataCopy", status::kSuccess, code::kSuccess, prefix + ": " + std::to_string(pct) + "%"});
    };
  };
  auto unencrypted = [&]() {
    std::vector<MountEntry> todo;
    for (const auto& v : data_volumes(read_mounts(paths))) {
      if (is_crypt_source(v.source)) continue;
      // EncryptFormatAll formats only what is surely an Azure data disk (ADE: the Azure udev link);
      // anything else keeps its data.
      if (format_all && !azure_data_disk(paths, v.source)) {
        run.context().log("not formatting " + v.source + " (" + v.target + "): not an Azure data disk");
        continue;
      }
      todo.push_back(v);
    }
    return todo;
  };

  // A volume a reboot interrupted comes first (its mount point is not mounted, so it is not in
  // the mounts table: the ongoing item is the only record of it).
  std::size_t offset = 0;
  if (auto item = state.ongoing_item()) {
    run.context().log("resuming the encryption of " + item->device + " (" + item->mount_point + ")");
    std::size_t total = unencrypted().size() + 1;
    try {
      VolumeKey key{paths.at(item->key_file).string(), item->key_file};
      if (encryptor.resume(*item, key, progress("Encrypting data volume 1/" + std::to_string(total)))) offset = 1;
    } catch (const std::exception& e) {
      return failed(e);
    }
    state.clear_ongoing_item();
  }

  std::vector<MountEntry> todo = unencrypted();
  const std::size_t total = offset + todo.size();
  if (format_all && !todo.empty())
    run.report({"EnableEncryptionFormatAll", status::kSuccess, code::kSuccess,
                "Encrypting and formatting " + std::to_string(todo.size()) + " data volumes"});
  for (std::size_t i = 0; i < todo.size(); ++i) {
    auto disk = azure_data_disk(paths, todo[i].source);
    VolumeKey key = data_volume_key(paths, disk ? std::optional<int>(disk->lun) : std::nullopt);
    std::string device = disk ? disk->persistent_path : todo[i].source;
    std::string mapper = ids::new_guid();
    try {
      if (format_all) {
        encryptor.format(todo[i], key, mapper, device);
      } else {
        state.save_ongoing_item({mapper, todo[i].source, todo[i].target, todo[i].fs_type, device, key.crypttab_path});
        encryptor.encrypt(todo[i], key, mapper, device, progress("Encrypting data volume " + fraction(offset + i, total)));
        state.clear_ongoing_item();
      }
    } catch (const std::exception& e) {
      return failed(e);
    }
  }
  return std::nullopt;
}

/// Decrypts every data volume in crypttab; the final status.
StatusReport decrypt_data_volumes(const HandlerRun& run, CommandRunner& runner) {
  const HandlerPaths& paths = run.paths();
  const auto& ctx = run.context();
  BekMount bek = mount_bek_volume(paths, runner, run.on_real_root());
  if (!bek.mounted) return {"Disable", status::kError, code::kUnknownError, "Failed to decrypt data volumes with error: " + bek.fault};
  auto mounts = read_mounts(paths);
  std::vector<CrypttabEntry> items;
  for (const auto& item : parse_crypttab(read_text_file(paths.crypttab())))
    if (item.name != "osencrypt") items.push_back(item);
  ctx.log("Found " + std::to_string(items.size()) + " items to decrypt");
  DataVolumeDecryptor decryptor(paths, runner, [&](const std::string& l) { ctx.log(l); });
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::optional<MountEntry> mounted;
    for (const auto& m : mounts)
      if (m.source == "/dev/mapper/" + items[i].name) mounted = m;
    try {
      decryptor.decrypt(items[i], mounted, [&](int pct) {
        ctx.log("Decrypting data volume " + fraction(i, items.size()) + ": " + std::to_string(pct) + "%");
      });
    } catch (const std::exception& e) {
      return {"Disable", status::kError, code::kUnknownError, std::string("Failed to decrypt data volumes with error: ") + e.what()};
    }
  }
  run.state().clear_decryption_marker();
  run.state().clear_config();
  return {"Disable", status::kSuccess, code::kSuccess, "Decryption succeeded"};
}
}  // namespace

bool daemon_running(const HandlerPaths& paths) {
  std::error_code ec;
  if (!fs::exists(paths.state_dir() / "daemon_lock_file.lck", ec)) return false;
  DaemonLock probe(paths);
  return !probe.held();
}

int daemon_delay_seconds() {
  const char* v = std::getenv("AZEMU_ADE_DAEMON_DELAY");
  return v && *v ? std::max(0, std::atoi(v)) : 0;
}

namespace {
/// The daemon's work under its lock; the final status to report.
StatusReport daemon_work(const HandlerRun& run, CommandRunner& runner) {
  const HandlerPaths& paths = run.paths();
  if (run.state().decryption_marked()) return decrypt_data_volumes(run, runner);

  auto config = run.state().config();
  auto marker = run.state().marker();
  if (!config || !marker) return {"EnableEncryption", status::kError, code::kEncryptionFailed, "Encryption config not found."};

  BekMount bek = mount_bek_volume(paths, runner, run.on_real_root());
  if (!bek.key_file) return {"EnableEncryption", status::kError, code::kPassphraseFileNotFound, "Passphrase file not found."};

  const std::string vt = canonical_volume_type(config->volume_type);
  if (vt == "Data" || vt == "All") {
    if (auto failure = encrypt_data_volumes(run, runner, marker->command == operation::kEnableFormatAll)) return *failure;
    if (vt == "Data") {
      run.state().clear_marker();
      return {"EnableEncryptionDataVolumes", status::kSuccess, code::kSuccess, success_message(vt)};
    }
  }
  // OS/All: hand the OS volume to the VM runtime, which encrypts it while the VM restarts.
  bool os_done = current_encryption_state(paths, run.state()).os == "Encrypted";
  if (!os_done) std::ofstream(paths.os_encryption_request()) << "requested by sequence " << run.context().seq() << "\n";
  run.state().clear_marker();
  return {"EnableEncryptionOSVolume", status::kSuccess, code::kSuccess, success_message(vt)};
}
}  // namespace

int run_encryption_daemon(const HandlerRun& run, CommandRunner& runner) {
  StatusReport final_status;
  {
    DaemonLock lock(run.paths());
    if (!lock.held()) {
      run.context().log("there's another daemon running, please wait it to exit.");
      return 0;
    }
    if (int delay = daemon_delay_seconds(); delay > 0) std::this_thread::sleep_for(std::chrono::seconds(delay));
    final_status = daemon_work(run, runner);
  }
  // The lock goes first: whoever reads the final status may send the next settings at once, and
  // they must not be rejected as concurrent with a daemon that has finished.
  return run.report(final_status);
}

}  // namespace azemu::vm::ade
