// In-place encryption of one mounted ext data volume inside the guest, as research/uml-ade.md §3
// variant (i) measured it (attached LUKS2 header, data preserved):
//   umount -> e2fsck -fy -> resize2fs to (size - 32 MiB) -> cryptsetup reencrypt --encrypt
//   --reduce-device-size 32M -> cryptsetup open as <uuid> -> mount /dev/mapper/<uuid>
// then the crypttab/fstab entries (crypt_config_files.hpp). The key file is the BEK volume's.
// EnableEncryptionFormatAll instead formats: luksFormat -> open -> mkfs with the volume's file
// system -> mount (the data is gone, as the operation says).
// Needs dm-crypt (the guest kernel), so it is exercised in UML guests; unit tests use a recording
// CommandRunner.
#pragma once

#include "vm-sim/ade/ade_state.hpp"
#include "vm-sim/ade/bek_volume.hpp"
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

  /// Encrypts `volume` (mounted) with `key` and remounts it from /dev/mapper/<mapper_name>.
  /// crypttab names the device by `persistent_device` (the lun link; `volume.source` when empty).
  /// `on_percent` sees 0..100. Throws std::runtime_error naming the failed step; the volume is
  /// remounted from its plain device when the failure came before cryptsetup changed it.
  void encrypt(const MountEntry& volume, const VolumeKey& key, const std::string& mapper_name,
               const std::string& persistent_device, const std::function<void(int)>& on_percent);

  /// Finishes the volume whose encryption a reboot interrupted (the daemon's ongoing item):
  ///  - not LUKS (stopped before the header was written): checked and mounted plain again, so that
  ///    it is encrypted like any other volume; returns false;
  ///  - LUKS with the reencryption unfinished: `cryptsetup repair` (crash recovery) and
  ///    `cryptsetup reencrypt --resume-only`, then
  ///  - opened, mounted and recorded in crypttab/fstab; returns true.
  bool resume(const OngoingItem& item, const VolumeKey& key, const std::function<void(int)>& on_percent);

  /// EnableEncryptionFormatAll for one volume: a new LUKS2 volume and an empty file system of the
  /// same type, mounted where the old one was.
  void format(const MountEntry& volume, const VolumeKey& key, const std::string& mapper_name,
              const std::string& persistent_device);

  /// Size of a block device from /sys/dev/block/<major>:<minor>/size (or /sys/class/block/<name>/size
  /// for a non-device path in host tests), in bytes; 0 when unknown.
  std::uint64_t device_bytes(const std::string& device) const;

 private:
  CommandResult must(const std::vector<std::string>& argv, const std::string& step,
                     const std::function<void(const std::string&)>& on_line = {});
  void update_config_files(const MountEntry& volume, const std::string& mapper_name, const std::string& device,
                           const std::string& crypttab_key);

  const HandlerPaths& paths_;
  CommandRunner& runner_;
  LogFn log_;
};

/// Percent done from one `cryptsetup --progress-json` line; -1 when the line is not progress.
int progress_percent(const std::string& json_line);

}  // namespace azemu::vm::ade
