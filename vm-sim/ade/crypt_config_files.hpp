// /etc/crypttab and /etc/fstab edits the extension makes when it encrypts a data volume
// (research/ade.md §1.3): a crypttab line "<mapper> <device> <BEK key file> luks,nofail", the fstab
// line of the volume pointed at /dev/mapper/<mapper> (the original kept in /etc/fstab.azure.backup),
// and the BEK volume's own fstab line. Pure text functions; the caller reads and writes the files.
#pragma once

#include <string>

namespace azemu::vm::ade {

inline constexpr const char* kBekFstabLine = "LABEL=BEK\\040VOLUME /mnt/azure_bek_disk auto defaults,discard,nofail 0 0";

/// Appends "<name> <device> <key_file> luks,nofail" (one entry per mapper name: an existing line for
/// `name` is replaced).
std::string add_crypttab_entry(const std::string& crypttab, const std::string& name, const std::string& device,
                               const std::string& key_file);

struct FstabEdit {
  std::string fstab;          // the new content
  std::string original_line;  // the line that was replaced ("" when a line was added)
};

/// Points the entry mounted at `mount_point` at `mapper_device`, or appends
/// "<mapper_device> <mount_point> <fs_type> defaults,nofail 0 2" when fstab has no such entry.
FstabEdit point_fstab_at_mapper(const std::string& fstab, const std::string& mount_point, const std::string& mapper_device,
                                const std::string& fs_type);

/// Adds kBekFstabLine unless a line for /mnt/azure_bek_disk exists.
std::string ensure_bek_fstab_line(const std::string& fstab);

}  // namespace azemu::vm::ade
