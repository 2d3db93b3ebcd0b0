// Port: what a host-side view of a VM's disks asks about one disk image file: its size on disk and,
// when it is LUKS, the header facts (version, cipher, key size, data offset, keyslots). Used by
// fake-arm's read-only disk encryption report (`azemu vm disks`, GET /_azemu/vms/{name}/disks);
// implemented by vm-sim/disk (the only code that reads LUKS headers, through libcryptsetup, which
// fake-arm must not link); wired in emulator/app. Read-only: it never opens a mapping or a keyslot.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace azemu::ports {

struct LuksKeyslotFacts {
  int slot = 0;
  std::string kdf;       // "pbkdf2", "argon2id", ...; empty when the header does not say
  std::string priority;  // "normal" | "prefer" | "ignore"
  bool unbound = false;  // LUKS2 keyslot not bound to the data segment
};

struct LuksHeaderFacts {
  int version = 0;  // 1 or 2
  std::string uuid;
  std::string label;
  std::string cipher;  // "aes-xts-plain64"
  int key_size_bits = 0;
  int sector_size = 0;
  std::uint64_t data_offset_bytes = 0;  // where the ciphertext starts (the header lives before it)
  std::vector<LuksKeyslotFacts> keyslots;
  bool reencryption_in_progress = false;  // in-place encryption interrupted or running
};

struct DiskImageFacts {
  std::uint64_t size_bytes = 0;       // apparent size (what the guest sees)
  std::uint64_t allocated_bytes = 0;  // blocks really used on the host (sparse images use less)
  std::optional<LuksHeaderFacts> luks;  // nullopt: no LUKS header at the start of the image
  std::string problem;  // non-empty when the file starts like LUKS but its header could not be read
};

class DiskImages {
public:
  virtual ~DiskImages() = default;
  /// Facts about the image at `path`; nullopt when there is no such file. Blocks (file I/O).
  virtual std::optional<DiskImageFacts> inspect(const std::string& path) const = 0;
};

}  // namespace azemu::ports
