// format() and keyslot management: test, add, remove. All userspace (the keyslot area is encrypted
// by libcryptsetup's OpenSSL wrapper, no device-mapper involved).
#include "vm-sim/disk/crypt_device.hpp"
#include "vm-sim/disk/disk_error.hpp"
#include "vm-sim/disk/luks_volume.hpp"

#include <libcryptsetup.h>

#include <cerrno>

namespace azemu::vm::disk {

namespace {
constexpr size_t kVolumeKeyBytes = 64;  // aes-xts with two AES-256 keys: the 512-bit key ADE uses
}

void format(const std::filesystem::path& path, const std::string& passphrase, const FormatOptions& options) {
  clear_crypt_errors();
  CryptDevice dev = CryptDevice::init(path);
  dev.set_pbkdf(options.pbkdf);
  crypt_params_luks2 params{};
  params.sector_size = options.sector_size;
  params.label = options.label.empty() ? nullptr : options.label.c_str();
  dev.check(crypt_format(dev.get(), CRYPT_LUKS2, "aes", "xts-plain64", options.uuid ? options.uuid->c_str() : nullptr,
                         nullptr, kVolumeKeyBytes, &params),
            "crypt_format " + path.string());
  dev.check(crypt_keyslot_add_by_volume_key(dev.get(), 0, nullptr, 0, passphrase.data(), passphrase.size()),
            "crypt_keyslot_add_by_volume_key " + path.string());
}

std::optional<int> test_passphrase(const std::filesystem::path& path, const std::string& passphrase) {
  clear_crypt_errors();
  CryptDevice dev = CryptDevice::load(path);
  // name == NULL: verify the passphrase against the keyslots without creating a mapping.
  int rc = crypt_activate_by_passphrase(dev.get(), nullptr, CRYPT_ANY_SLOT, passphrase.data(), passphrase.size(), 0);
  if (rc == -EPERM) return std::nullopt;
  return dev.check(rc, "test passphrase " + path.string());
}

int add_key(const std::filesystem::path& path, const std::string& existing_passphrase,
            const std::string& new_passphrase, const PbkdfParams& pbkdf) {
  clear_crypt_errors();
  CryptDevice dev = CryptDevice::load(path);
  dev.set_pbkdf(pbkdf);
  return dev.check(crypt_keyslot_add_by_passphrase(dev.get(), CRYPT_ANY_SLOT, existing_passphrase.data(),
                                                   existing_passphrase.size(), new_passphrase.data(),
                                                   new_passphrase.size()),
                   "add key " + path.string());
}

int remove_key(const std::filesystem::path& path, const std::string& passphrase, bool allow_last) {
  clear_crypt_errors();
  CryptDevice dev = CryptDevice::load(path);
  const int slot = dev.check(
      crypt_activate_by_passphrase(dev.get(), nullptr, CRYPT_ANY_SLOT, passphrase.data(), passphrase.size(), 0),
      "remove key " + path.string());
  if (!allow_last && crypt_keyslot_status(dev.get(), slot) == CRYPT_SLOT_ACTIVE_LAST)
    throw DiskError("remove key " + path.string(), EBUSY,
                    "keyslot " + std::to_string(slot) + " is the last one; removing it loses the data");
  dev.check(crypt_keyslot_destroy(dev.get(), slot), "crypt_keyslot_destroy " + path.string());
  return slot;
}

}  // namespace azemu::vm::disk
