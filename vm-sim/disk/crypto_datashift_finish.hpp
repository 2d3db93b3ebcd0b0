// Finishes a LUKS2 encryption with data shift that libcryptsetup 2.6.1 cannot resume: when the
// process dies after the last regular hotzone, the header keeps only the pending "moved segment"
// (the disk's first reduce/2 bytes, parked in the tail) and resuming fails with "Failed to set
// device segments for next reencryption hotzone" (also with the cryptsetup CLI; measured).
// Internal to vm-sim/disk/.
#pragma once

#include "vm-sim/disk/luks_model.hpp"

#include <filesystem>
#include <string>

namespace azemu::vm::disk {

/// When `path` is in exactly that state, encrypts the moved segment into place with the volume key
/// and writes a fresh header (same UUID, label, key, offset; keyslot 0 for `passphrase` with
/// `pbkdf`). Returns false, changing nothing, for any other state. Throws DiskError (EPERM).
bool finish_stuck_datashift_encryption(const std::filesystem::path& path, const std::string& passphrase,
                                       const PbkdfParams& pbkdf);

}  // namespace azemu::vm::disk
