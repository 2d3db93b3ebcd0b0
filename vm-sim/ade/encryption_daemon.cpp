// The encryption daemon (see the diagram in the header).
#include "vm-sim/ade/encryption_daemon.hpp"

#include "vm-sim/ade/data_volume_encryptor.hpp"
#include "vm-sim/ade/encryption_status.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace azemu::vm::ade {

namespace fs = std::filesystem;

namespace {
/// flock on the daemon lock file; released when the process exits.
bool try_lock(const HandlerPaths& paths) {
  fs::create_directories(paths.state_dir());
  int fd = open((paths.state_dir() / "daemon_lock_file.lck").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  return fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0;  // fd stays open on purpose
}

std::vector<MountEntry> read_mounts(const HandlerPaths& paths) {
  std::ifstream in(paths.mounts());
  std::stringstream s;
  s << in.rdbuf();
  return parse_mounts(s.str());
}
}  // namespace

int daemon_delay_seconds() {
  const char* v = std::getenv("AZEMU_ADE_DAEMON_DELAY");
  return v && *v ? std::max(0, std::atoi(v)) : 0;
}

std::optional<std::string> find_passphrase_file(const HandlerPaths& paths, CommandRunner& runner, bool may_mount) {
  fs::path key = paths.bek_mount_point() / kPassphraseFileName;
  std::error_code ec;
  if (fs::exists(key, ec)) return key.string();
  if (!may_mount) return std::nullopt;
  // mount -L "BEK VOLUME" /mnt/azure_bek_disk -o fmask=077, with busybox's findfs for the label.
  CommandResult dev = runner.run({"findfs", std::string("LABEL=") + kBekVolumeLabel});
  std::string device = dev.output.substr(0, dev.output.find('\n'));
  if (dev.exit_code != 0 || device.empty()) return std::nullopt;
  fs::create_directories(paths.bek_mount_point(), ec);
  runner.run({"mount", "-t", "vfat", "-o", "ro,fmask=077", device, paths.bek_mount_point().string()});
  if (fs::exists(key, ec)) return key.string();
  return std::nullopt;
}

int run_encryption_daemon(const HandlerRun& run, CommandRunner& runner) {
  const HandlerPaths& paths = run.paths();
  const auto& ctx = run.context();
  if (!try_lock(paths)) {
    ctx.log("there's another daemon running, please wait it to exit.");
    return 0;
  }
  if (int delay = daemon_delay_seconds(); delay > 0) std::this_thread::sleep_for(std::chrono::seconds(delay));
  auto config = run.state().config();
  auto marker = run.state().marker();
  if (!config || !marker) return run.report({"EnableEncryption", status::kError, code::kEncryptionFailed, "Encryption config not found."});

  bool real_root = fs::equivalent(paths.at("/"), "/");
  auto key_file = find_passphrase_file(paths, runner, real_root);
  if (!key_file) return run.report({"EnableEncryption", status::kError, code::kPassphraseFileNotFound, "Passphrase file not found."});

  std::string vt = text::to_lower(config->volume_type);
  if (vt == "data" || vt == "all") {
    std::vector<MountEntry> todo;
    for (const auto& v : data_volumes(read_mounts(paths)))
      if (!is_crypt_source(v.source)) todo.push_back(v);
    DataVolumeEncryptor encryptor(paths, runner, [&](const std::string& l) { ctx.log(l); });
    for (std::size_t i = 0; i < todo.size(); ++i) {
      std::string prefix = "Encrypting data volume " + std::to_string(i + 1) + "/" + std::to_string(todo.size());
      int last = -1;
      try {
        encryptor.encrypt(todo[i], *key_file, ids::new_guid(), [&](int pct) {
          if (pct == last) return;
          last = pct;
          run.report({"DataCopy", status::kSuccess, code::kSuccess, prefix + ": " + std::to_string(pct) + "%"});
        });
      } catch (const std::exception& e) {
        return run.report({"EnableEncryptionDataVolumes", status::kError, code::kEncryptionFailed,
                           std::string("Failed to encrypt data volumes with error: ") + e.what()});
      }
    }
    if (vt == "data") {
      run.state().clear_marker();
      return run.report({"EnableEncryptionDataVolumes", status::kSuccess, code::kSuccess, "Encryption succeeded for data volumes"});
    }
  }
  // OS/All: hand the OS volume to the VM runtime, which encrypts it while the VM restarts.
  std::ofstream(paths.os_encryption_request()) << "requested by sequence " << ctx.seq() << "\n";
  run.state().clear_marker();
  return run.report({"EnableEncryptionOSVolume", status::kSuccess, code::kSuccess,
                     vt == "all" ? "Encryption succeeded for all volumes" : "Encryption succeeded for OS volume"});
}

}  // namespace azemu::vm::ade
