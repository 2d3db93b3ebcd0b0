// The disk engine's LUKS operations on an image file or block device, in userspace only: they work
// on a host without device-mapper (research/dmcrypt.md §1). Opening a mapping is not here: that
// happens inside the guest. Every function blocks (file I/O, KDF), so call it off the io threads;
// every failure is a DiskError carrying libcryptsetup's errno.
#pragma once

#include "vm-sim/disk/luks_model.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace azemu::vm::disk {

/// True when `path` starts with a LUKS1 or LUKS2 header. Missing/unreadable files are not LUKS.
bool is_luks(const std::filesystem::path& path);

/// Reads the header. Throws DiskError (EINVAL: not LUKS; ENOENT: no such file).
LuksHeader inspect(const std::filesystem::path& path);

/// Formats `path` as LUKS2 aes-xts-plain64 with a 512-bit key and one keyslot (slot 0) for
/// `passphrase`. Destroys whatever the device held. Throws DiskError.
void format(const std::filesystem::path& path, const std::string& passphrase, const FormatOptions& options = {});

/// Returns the keyslot `passphrase` opens, or nullopt for a wrong passphrase. Throws DiskError for
/// anything else (not LUKS, unreadable).
std::optional<int> test_passphrase(const std::filesystem::path& path, const std::string& passphrase);

/// Adds a keyslot for `new_passphrase`, unlocking with `existing_passphrase`; returns its number.
/// Throws DiskError (EPERM: existing passphrase wrong; ENOSPC: no free keyslot).
int add_key(const std::filesystem::path& path, const std::string& existing_passphrase,
            const std::string& new_passphrase, const PbkdfParams& pbkdf = PbkdfParams::fast());

/// Destroys the keyslot `passphrase` opens and returns its number. Refuses (EBUSY) to remove the
/// last keyslot unless `allow_last` is set, since that makes the data unrecoverable.
/// Throws DiskError (EPERM: wrong passphrase).
int remove_key(const std::filesystem::path& path, const std::string& passphrase, bool allow_last = false);

/// Encrypts the filesystem on `path` in place (LUKS2 offline reencryption, attached header with
/// data shift; see luks_encrypt.cpp for why). Data is preserved: the plaintext device of the result
/// is the old content, 16 MiB smaller with the default options. Keyslot 0 gets `passphrase`.
/// When the header says an encryption is already in progress (interrupted or crashed), resumes it.
/// Throws DiskError (EEXIST: already LUKS and not in progress; ENOSPC: filesystem reaches into the
/// reduced tail and cannot be shrunk; EPERM: wrong passphrase on resume).
ReencryptOutcome encrypt_in_place(const std::filesystem::path& path, const std::string& passphrase,
                                  const EncryptOptions& options = {}, const ProgressFn& progress = {});

/// Decrypts an attached-header LUKS2 device in place (data moved back to offset 0). Progress is kept
/// in `<path>.luks2-decrypt.hdr` until done; calling again resumes. Throws DiskError.
ReencryptOutcome decrypt_in_place(const std::filesystem::path& path, const std::string& passphrase,
                                  const ProgressFn& progress = {});

}  // namespace azemu::vm::disk
