// The substatus values {"os", "data"} derived from the live system as DiskUtil.get_encryption_status
// does (research/ade.md §1.5): what / and the data volumes are mounted from, /dev/mapper/osencrypt,
// and the extension's markers. Reads files only (mounts table, /dev/mapper, the state dir).
#pragma once

#include "vm-sim/ade/ade_state.hpp"
#include "vm-sim/ade/handler_paths.hpp"
#include "vm-sim/ade/status_report.hpp"

#include <string>
#include <vector>

namespace azemu::vm::ade {

struct MountEntry {
  std::string source, target, fs_type;
};

/// Parses /proc/mounts text (octal escapes such as \040 decoded).
std::vector<MountEntry> parse_mounts(const std::string& text);

/// Mounted data volumes ADE would encrypt: a block device (/dev/...) with ext2/3/4 or xfs that is
/// not /, /boot, the resource disk (/mnt, /mnt/resource) or the BEK volume.
std::vector<MountEntry> data_volumes(const std::vector<MountEntry>& mounts);

/// True when the volume is already dm-crypt (mounted from /dev/mapper/* or /dev/dm-*).
bool is_crypt_source(const std::string& source);

/// The state reported in every status file.
EncryptionState current_encryption_state(const HandlerPaths& paths, const AdeState& state);

}  // namespace azemu::vm::ade
