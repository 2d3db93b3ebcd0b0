// /etc/crypttab and /etc/fstab edits the extension makes when it encrypts a data volume
// (research/ade.md §1.3): a crypttab line "<mapper> <device> <BEK key file> luks,nofail", the fstab
// line of the volume pointed at /dev/mapper/<mapper> (the original kept in /etc/fstab.azure.backup),
// and the BEK volume's own fstab line; and the reverse after DisableEncryption. Pure text functions;
// the caller reads and writes the files.
#pragma once

#include <string>
#include <vector>

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

/// One crypttab line: "<name> <device> <key file> <options>".
struct CrypttabEntry {
  std::string name, device, key_file, options;
};
std::vector<CrypttabEntry> parse_crypttab(const std::string& crypttab);
/// crypttab without the line of `name`.
std::string remove_crypttab_entry(const std::string& crypttab, const std::string& name);

/// After decryption: the fstab line that mounts `mapper_device` is replaced by the original line for
/// the same mount point from /etc/fstab.azure.backup (which loses that line), or dropped when the
/// backup has none (the extension had added it).
struct FstabRestore {
  std::string fstab, backup;
  std::string mount_point;  // of the restored/dropped line; "" when fstab had no line for the mapper
};
FstabRestore restore_fstab_entry(const std::string& fstab, const std::string& backup, const std::string& mapper_device);

}  // namespace azemu::vm::ade
