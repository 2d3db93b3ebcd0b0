// AES-XTS with dm-crypt's plain64 IV over whole encryption sectors, through OpenSSL: the one place
// the disk engine touches data-area crypto itself (PlaintextReader, finishing a stuck encryption).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace azemu::vm::disk {

/// Encrypts or decrypts `data` in place. `data` starts at byte `device_offset` of the plaintext
/// device (a multiple of `sector_size`) and spans whole sectors. `key` is the 64-byte volume key.
/// Throws DiskError (EIO) when OpenSSL fails.
void xts_transform(bool encrypt, const std::vector<unsigned char>& key, std::uint32_t sector_size,
                   std::uint64_t device_offset, std::span<unsigned char> data);

}  // namespace azemu::vm::disk
