// Finishes a LUKS2 encryption with data shift that libcryptsetup 2.6.1 cannot resume: when the
// process dies after the last regular hotzone, the header keeps only the pending "moved segment"
// (the disk's first reduce/2 bytes, parked in the tail) and resuming fails with "Failed to set
// device segments for next reencryption hotzone" (also with the cryptsetup CLI; measured).
// Internal to vm-sim/disk/.
#pragma once

#include "vm-sim/disk/luks_model.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace azemu::vm::disk {

/// What finishing needs from the stuck header: where the parked plaintext is and where it goes.
struct DatashiftStuckState {
  std::uint64_t moved_offset = 0, moved_size = 0, data_offset = 0;
  std::uint32_t sector_size = 512;
};

/// Reads LUKS2 JSON metadata (crypt_dump_json's text): the state when it is exactly the stuck
/// one, nullopt for anything else. The metadata comes from a disk image, so this never throws:
/// unexpected types, numbers that do not parse or sizes past the device give nullopt.
std::optional<DatashiftStuckState> parse_stuck_datashift_state(std::string_view luks2_json);

/// When `path` is in exactly that state, encrypts the moved segment into place with the volume key
/// and writes a fresh header (same UUID, label, key, offset; keyslot 0 for `passphrase` with
/// `pbkdf`). Returns false, changing nothing, for any other state. Throws DiskError (EPERM).
bool finish_stuck_datashift_encryption(const std::filesystem::path& path, const std::string& passphrase,
                                       const PbkdfParams& pbkdf);

}  // namespace azemu::vm::disk
