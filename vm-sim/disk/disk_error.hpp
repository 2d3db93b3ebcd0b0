// DiskError: the one error type of the disk engine (vm-sim/disk/). It carries the errno that
// libcryptsetup or the OS returned and the operation that failed, so callers can tell a wrong
// passphrase (EPERM) from a missing file (ENOENT). It never carries a passphrase.
#pragma once

#include <stdexcept>
#include <string>

namespace azemu::vm::disk {

class DiskError : public std::runtime_error {
 public:
  /// `error_code` is a positive errno value (libcryptsetup's negative returns are negated).
  /// `detail` is libcryptsetup's own error text or a sentence of ours; it may be empty.
  DiskError(std::string operation, int error_code, const std::string& detail = {});

  int error_code() const noexcept { return error_code_; }
  const std::string& operation() const noexcept { return operation_; }

 private:
  std::string operation_;
  int error_code_;
};

}  // namespace azemu::vm::disk
