// Plain structs of the disk engine: what inspect() reports about a LUKS header, and the options
// of format / encrypt_in_place. No libcryptsetup types here, so callers need not include it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace azemu::vm::disk {

/// Key-derivation settings, always passed explicitly: libcryptsetup's default (argon2id tuned by a
/// 2 s benchmark) costs ~6 s and ~1 GiB per keyslot on this machine class and far longer inside a
/// user-mode-linux guest (research/dmcrypt.md).
struct PbkdfParams {
  enum class Kind { pbkdf2, argon2id };
  Kind kind = Kind::pbkdf2;
  /// pbkdf2: iteration count (libcryptsetup's minimum is 1000); argon2id: time cost (minimum 4).
  std::uint32_t iterations = 1000;
  std::uint32_t memory_kib = 0;  ///< argon2id only
  std::uint32_t parallel = 1;    ///< argon2id only
  std::string hash = "sha256";   ///< pbkdf2 hash; also the LUKS2 anti-forensic hash

  /// The default: pbkdf2-sha256 with 1000 iterations. Unlocking costs about a millisecond, also in
  /// a UML guest where memory-hard work is slow; the emulator's volumes protect test data only.
  static PbkdfParams fast() { return {}; }
  /// argon2id with 32 MiB, t=4, one thread: LUKS2's real KDF at a cost a VM can afford
  /// (measured 0.23 s format, 0.16 s unlock on the host). For demos that show an argon2id keyslot.
  static PbkdfParams argon2id_light() { return {Kind::argon2id, 4, 32 * 1024, 1, "sha256"}; }
};

struct FormatOptions {
  std::string label;              ///< LUKS2 label; empty for none
  std::optional<std::string> uuid;  ///< header UUID; generated when absent
  PbkdfParams pbkdf = PbkdfParams::fast();
  /// Encryption sector size. 512 as cryptsetup picks on an Azure disk (512-byte logical sectors),
  /// and safe under any filesystem block size (4096 would break a 1 KiB-block ext4 in place).
  std::uint32_t sector_size = 512;
};

/// Percent done (0..100). Return `stop` to interrupt cleanly: the header keeps the progress and a
/// later encrypt_in_place() resumes.
enum class ProgressVerdict { carry_on, stop };
using ProgressFn = std::function<ProgressVerdict(int percent)>;

enum class ReencryptOutcome { finished, interrupted };

struct EncryptOptions {
  FormatOptions format;
  /// Bytes taken from the end of the disk: the filesystem must end before size - reduce, and the
  /// LUKS2 header gets reduce/2 at the start (32 MiB gives the 16 MiB data offset ADE produces).
  std::uint64_t reduce_device_bytes = 32ull << 20;
  /// Shrink an ext2/3/4 filesystem that reaches into the reduced tail (e2fsck -fp + resize2fs).
  bool shrink_filesystem = true;
  /// Regular files only: after encryption, punch holes over blocks the filesystem had free and
  /// over zeros in the header area, so a sparse image stays sparse (research/uml-ade.md §6).
  bool restore_sparseness = true;
};

struct KeyslotInfo {
  int slot = 0;
  std::string kdf;       ///< "pbkdf2", "argon2id", "argon2i"; empty when the header does not say
  std::string priority;  ///< "normal", "prefer" or "ignore"
  bool unbound = false;  ///< LUKS2 keyslot not bound to the data segment (e.g. during re-keying)
};

struct LuksHeader {
  int version = 0;        ///< 1 or 2
  std::string uuid;
  std::string cipher;     ///< "aes-xts-plain64"
  int key_size_bits = 0;
  int sector_size = 0;
  std::uint64_t data_offset_bytes = 0;
  std::vector<KeyslotInfo> keyslots;  ///< active and unbound slots, ascending
  std::string label;
  bool reencryption_in_progress = false;
};

}  // namespace azemu::vm::disk
