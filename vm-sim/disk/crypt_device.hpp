// CryptDevice: RAII owner of a libcryptsetup `crypt_device*` plus the error plumbing every LUKS
// operation shares (libcryptsetup's log lines become DiskError details instead of stderr noise).
// Internal to vm-sim/disk/; the public API is luks_volume.hpp.
#pragma once

#include "vm-sim/disk/luks_model.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct crypt_device;

namespace azemu::vm::disk {

class CryptDevice {
 public:
  /// crypt_init on `device` (image file or block device). Throws DiskError.
  static CryptDevice init(const std::filesystem::path& device);
  /// crypt_init with metadata in `header` and data on `data` (detached or temporary header).
  static CryptDevice init_detached(const std::filesystem::path& header, const std::filesystem::path& data);
  /// init() + crypt_load of any LUKS version. Throws DiskError (EINVAL when not LUKS).
  static CryptDevice load(const std::filesystem::path& device);

  crypt_device* get() const noexcept { return cd_.get(); }

  /// Applies `pbkdf` to keyslots created through this handle afterwards.
  void set_pbkdf(const PbkdfParams& pbkdf);

  /// Returns `rc` when it is >= 0; otherwise throws DiskError(operation, -rc, last libcryptsetup error).
  int check(int rc, std::string_view operation) const;

 private:
  struct Free {
    void operator()(crypt_device* cd) const noexcept;
  };
  explicit CryptDevice(crypt_device* cd) : cd_(cd) {}
  std::unique_ptr<crypt_device, Free> cd_;
};

/// Clears the per-thread buffer of libcryptsetup error lines (done at the start of each operation).
void clear_crypt_errors();
/// libcryptsetup's error lines since the last clear, joined by "; ".
std::string last_crypt_errors();

}  // namespace azemu::vm::disk
