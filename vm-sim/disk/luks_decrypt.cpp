// decrypt_in_place(): the reverse of encrypt_in_place() for an attached LUKS2 header. libcryptsetup
// 2.6 decrypts with data shift only through a detached header (cryptsetup 2.6.1
// decrypt_luks2_datashift_init), so the header is first exported to `<disk>.luks2-decrypt.hdr`;
// that file then carries the progress until the disk is plain again, and a retry resumes from it.
#include "vm-sim/disk/crypt_device.hpp"
#include "vm-sim/disk/disk_error.hpp"
#include "vm-sim/disk/luks_volume.hpp"
#include "vm-sim/disk/reencrypt_runner.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <libcryptsetup.h>

#include <cerrno>

namespace azemu::vm::disk {

namespace {

std::filesystem::path decrypt_header_of(const std::filesystem::path& path) {
  return std::filesystem::path(path.string() + ".luks2-decrypt.hdr");
}

CryptDevice load_detached(const std::filesystem::path& header, const std::filesystem::path& data) {
  CryptDevice dev = CryptDevice::init_detached(header, data);
  dev.check(crypt_load(dev.get(), CRYPT_LUKS2, nullptr), "crypt_load " + header.string());
  return dev;
}

// Removes the binary header magic (primary at 0, secondary after the first metadata area) so the
// half-decrypted disk is not taken for LUKS while its header lives in the side file.
void wipe_luks_signatures(const std::filesystem::path& path, std::uint64_t metadata_size) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) throw DiskError("open " + path.string(), errno);
  static const char zeros[4096] = {};
  const bool ok = ::pwrite(fd, zeros, sizeof zeros, 0) == static_cast<ssize_t>(sizeof zeros) &&
                  ::pwrite(fd, zeros, sizeof zeros, static_cast<off_t>(metadata_size)) == static_cast<ssize_t>(sizeof zeros) &&
                  ::fsync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!ok) throw DiskError("wipe LUKS signature on " + path.string(), err);
}

bool has_active_keyslot(crypt_device* cd) {
  for (int slot = 0; slot < crypt_keyslot_max(CRYPT_LUKS2); ++slot) {
    const crypt_keyslot_info info = crypt_keyslot_status(cd, slot);
    if (info == CRYPT_SLOT_ACTIVE || info == CRYPT_SLOT_ACTIVE_LAST) return true;
  }
  return false;
}

void restore_header(const std::filesystem::path& path, const std::filesystem::path& header) {
  CryptDevice disk = CryptDevice::init(path);
  disk.check(crypt_header_restore(disk.get(), CRYPT_LUKS2, header.c_str()), "restore LUKS2 header on " + path.string());
}

void initialise(const std::filesystem::path& path, const std::filesystem::path& header, const std::string& passphrase) {
  CryptDevice attached = CryptDevice::load(path);
  if (crypt_reencrypt_status(attached.get(), nullptr) != CRYPT_REENCRYPT_NONE)
    throw DiskError("decrypt " + path.string(), EBUSY, "a reencryption is in progress; finish it first");
  const std::string type = crypt_get_type(attached.get());
  if (type != CRYPT_LUKS2) throw DiskError("decrypt " + path.string(), ENOTSUP, "only LUKS2 can be decrypted offline");
  attached.check(crypt_activate_by_passphrase(attached.get(), nullptr, CRYPT_ANY_SLOT, passphrase.data(),
                                              passphrase.size(), 0),
                 "decrypt " + path.string());
  const std::uint64_t data_offset_sectors = crypt_get_data_offset(attached.get());
  std::uint64_t metadata_size = 0, keyslots_size = 0;
  attached.check(crypt_get_metadata_size(attached.get(), &metadata_size, &keyslots_size), "crypt_get_metadata_size");
  attached.check(crypt_header_backup(attached.get(), CRYPT_LUKS2, header.c_str()), "export LUKS2 header");

  try {
    CryptDevice detached = load_detached(header, path);
    wipe_luks_signatures(path, metadata_size);
    crypt_params_reencrypt params{};
    params.mode = CRYPT_REENCRYPT_DECRYPT;
    params.direction = CRYPT_REENCRYPT_FORWARD;
    params.resilience = "datashift-checksum";
    params.hash = "sha256";
    params.data_shift = data_offset_sectors;
    params.flags = CRYPT_REENCRYPT_MOVE_FIRST_SEGMENT | CRYPT_REENCRYPT_INITIALIZE_ONLY;
    detached.check(crypt_reencrypt_init_by_passphrase(detached.get(), nullptr, passphrase.data(), passphrase.size(),
                                                      CRYPT_ANY_SLOT, CRYPT_ANY_SLOT, nullptr, nullptr, &params),
                   "initialise decryption " + path.string());
  } catch (...) {
    if (!is_luks(path)) restore_header(path, header);
    std::filesystem::remove(header);
    throw;
  }
}

}  // namespace

ReencryptOutcome decrypt_in_place(const std::filesystem::path& path, const std::string& passphrase,
                                  const ProgressFn& progress) {
  clear_crypt_errors();
  const std::filesystem::path header = decrypt_header_of(path);
  if (std::filesystem::exists(header)) {
    CryptDevice side = load_detached(header, path);
    if (crypt_reencrypt_status(side.get(), nullptr) == CRYPT_REENCRYPT_NONE) {
      // A finished decryption leaves a header without keyslots (one linear segment): only the side
      // file is left to remove. Never restore that header over the now plain data.
      if (!has_active_keyslot(side.get())) {
        std::filesystem::remove(header);
        return ReencryptOutcome::finished;
      }
      // Died between the export and the init: nothing moved yet; put the header back and redo.
      if (!is_luks(path)) restore_header(path, header);
      std::filesystem::remove(header);
      initialise(path, header, passphrase);
    }
  } else {
    initialise(path, header, passphrase);
  }
  const ReencryptOutcome outcome =
      run_offline_reencryption([&] { return load_detached(header, path); }, passphrase, progress, path.string());
  if (outcome == ReencryptOutcome::finished) std::filesystem::remove(header);
  return outcome;
}

}  // namespace azemu::vm::disk
