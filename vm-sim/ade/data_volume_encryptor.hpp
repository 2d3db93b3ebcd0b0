// In-place encryption of one mounted ext data volume inside the guest, as research/uml-ade.md §3
// variant (i) measured it (attached LUKS2 header, data preserved):
//   umount -> e2fsck -fy -> resize2fs to (size - 32 MiB) -> cryptsetup reencrypt --encrypt
//   --reduce-device-size 32M -> cryptsetup open as <uuid> -> mount /dev/mapper/<uuid>
// then the crypttab/fstab entries (crypt_config_files.hpp). The key file is the BEK volume's.
// Needs dm-crypt (the guest kernel), so it is exercised in UML guests; unit tests use a recording
// CommandRunner.
#pragma once

#include "vm-sim/ade/command_runner.hpp"
#include "vm-sim/ade/encryption_status.hpp"
#include "vm-sim/ade/handler_paths.hpp"

#include <functional>
#include <string>

namespace azemu::vm::ade {

/// LUKS2 header space taken from the end of the file system (the data offset is half of it).
inline constexpr std::uint64_t kReduceDeviceBytes = 32ull << 20;

class DataVolumeEncryptor {
 public:
  using LogFn = std::function<void(const std::string&)>;
  DataVolumeEncryptor(const HandlerPaths& paths, CommandRunner& runner, LogFn log)
      : paths_(paths), runner_(runner), log_(std::move(log)) {}

  /// Encrypts `volume` (mounted) with `key_file` and remounts it from /dev/mapper/<mapper_name>.
  /// `on_percent` sees 0..100. Throws std::runtime_error naming the failed step; the volume is
  /// remounted from its plain device when the failure came before cryptsetup changed it.
  void encrypt(const MountEntry& volume, const std::string& key_file, const std::string& mapper_name,
               const std::function<void(int)>& on_percent);

  /// Size of a block device from /sys/class/block/<name>/size (512-byte sectors); 0 when unknown.
  std::uint64_t device_bytes(const std::string& device) const;

 private:
  CommandResult must(const std::vector<std::string>& argv, const std::string& step,
                     const std::function<void(const std::string&)>& on_line = {});
  void update_config_files(const MountEntry& volume, const std::string& mapper_name);

  const HandlerPaths& paths_;
  CommandRunner& runner_;
  LogFn log_;
};

/// Percent done from one `cryptsetup --progress-json` line; -1 when the line is not progress.
int progress_percent(const std::string& json_line);

}  // namespace azemu::vm::ade
