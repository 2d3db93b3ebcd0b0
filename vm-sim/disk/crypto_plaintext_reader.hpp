// PlaintextReader: reads the decrypted data area of a LUKS2 aes-xts-plain64 image in userspace
// (volume key from the keyslot, AES-XTS through OpenSSL), the host's view of what the guest sees
// through dm-crypt, without device-mapper. Read-only; refuses an image in mid-reencryption.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace azemu::vm::disk {

class PlaintextReader {
 public:
  /// Unlocks the volume key with `passphrase`. Throws DiskError (EPERM: wrong passphrase;
  /// ENOTSUP: cipher other than aes-xts-plain64; EBUSY: reencryption in progress).
  PlaintextReader(const std::filesystem::path& path, const std::string& passphrase);
  ~PlaintextReader();
  PlaintextReader(const PlaintextReader&) = delete;
  PlaintextReader& operator=(const PlaintextReader&) = delete;

  /// Bytes of the plaintext device (image size minus the data offset).
  std::uint64_t size() const { return size_; }
  /// Plaintext bytes [offset, offset + length), clipped to size(). Throws DiskError.
  std::vector<unsigned char> read(std::uint64_t offset, std::uint64_t length) const;
  /// Writes the whole plaintext device to `target` (e.g. to run debugfs on it). Throws DiskError.
  void export_to(const std::filesystem::path& target) const;

 private:
  std::filesystem::path path_;
  std::vector<unsigned char> key_;
  std::uint64_t data_offset_ = 0;
  std::uint64_t size_ = 0;
  std::uint32_t sector_size_ = 512;
};

}  // namespace azemu::vm::disk
