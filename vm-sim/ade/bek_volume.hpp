// The BEK volume (research/ade.md §1.3/§1.4): a small vfat volume labelled "BEK VOLUME" the platform
// attaches with the LUKS passphrase(s), mounted at /mnt/azure_bek_disk as the extension mounts it
// (mount -L "BEK VOLUME" ... -o fmask=077; read-only here: azemu's platform, not the single-pass
// extension, writes the key files, so the guest never needs to). Dual pass has one key file,
// LinuxPassPhraseFileName; single pass adds one per data disk, LinuxPassPhraseFileName_0_<lun>
// (controller 0 = SCSI here).
#pragma once

#include "vm-sim/ade/command_runner.hpp"
#include "vm-sim/ade/handler_paths.hpp"

#include <optional>
#include <string>

namespace azemu::vm::ade {

struct BekMount {
  bool mounted = false;           // the volume is at /mnt/azure_bek_disk
  std::optional<std::string> key_file;  // host path of LinuxPassPhraseFileName when present
  /// BekUtilVolumeImpl's exception text when the volume is not there:
  /// "BEK disk is missing or not initialized. <reason>" (reported with code 52).
  std::string fault;
};

/// Finds (and, when `may_mount`, mounts) the BEK volume. On a host test root nothing is mounted:
/// the key file is looked up under the root's /mnt/azure_bek_disk.
BekMount mount_bek_volume(const HandlerPaths& paths, CommandRunner& runner, bool may_mount);

/// The key of one data volume: the per-disk file when the BEK volume has it, else the VM's key file.
struct VolumeKey {
  std::string file;           // host path, for cryptsetup
  std::string crypttab_path;  // in-VM path written to crypttab
};
VolumeKey data_volume_key(const HandlerPaths& paths, std::optional<int> lun);

}  // namespace azemu::vm::ade
