// Azure Disk Encryption of the OS volume, the platform's half (the "VMRestartPending" ->
// "Encrypted" step): the ADE handler in the guest leaves a request file on the OS disk
// (kOsEncryptionRequestPath) and reports VMRestartPending; at the next boot, while the guest is
// down, the runtime encrypts the OS image on the host (vm-sim/disk, userspace libcryptsetup) and
// boots it through the initramfs that unlocks it with the BEK volume (vm-sim/guest/initramfs/init).
//
// A 30 GiB OS disk is a sparse file with ~100 MiB in use: reencrypting 30 GiB would take ~45 s.
// Instead (measured in the report of issue 7):
//   1. e2fsck, then remove the request file and drop kGrowFlagPath (debugfs -w: no mount, no root)
//   2. shrink the filesystem to its minimum (resize2fs -P) plus headroom, truncate the file to
//      that + the 32 MiB LUKS2 data shift
//   3. encrypt_in_place (LUKS2, attached header, 16 MiB data offset, pbkdf2 fast)
//   4. extend the file back to its apparent size (a hole): the LUKS2 segment is "dynamic", so the
//      mapping covers the whole disk, and the guest's rc.sysinit grows the filesystem online
//      (`resize2fs /dev/mapper/osencrypt`) at the first boot, seeing kGrowFlagPath.
// The request file goes first, so a crash cannot start a second encryption over a half-done one;
// encrypt_in_place resumes an interrupted encryption from the LUKS2 header by itself.
#pragma once

#include <cstdint>
#include <string>

namespace azemu::vm {

inline constexpr const char* kOsEncryptionRequestPath = "/var/lib/azure_disk_encryption_config/os_encryption_requested";
inline constexpr const char* kGrowFlagPath = "/etc/azemu/grow-rootfs";

/// True when the (plain ext4, unmounted) OS image holds the request file. Replays the journal
/// first when the guest stopped without unmounting (its last writes may sit in the journal only).
bool os_encryption_requested(const std::string& os_image);

/// Steps 1-4 above. `apparent_bytes`: the disk's declared size. Throws std::runtime_error.
void encrypt_os_disk(const std::string& os_image, const std::string& passphrase, std::int64_t apparent_bytes);

/// For a LUKS OS image: finishes an encryption a crash interrupted, and gives the file back its
/// declared size when a crash came between steps 3 and 4. No-op for a finished, full-size image.
void finish_os_disk_encryption(const std::string& os_image, const std::string& passphrase, std::int64_t apparent_bytes);

}  // namespace azemu::vm
