// Message layout of DiskError: "<operation>: <strerror>[: <detail>]".
#include "vm-sim/disk/disk_error.hpp"

#include <cstring>

namespace azemu::vm::disk {

namespace {
std::string compose(const std::string& operation, int error_code, const std::string& detail) {
  std::string text = operation + ": " + std::strerror(error_code);
  if (!detail.empty()) text += ": " + detail;
  return text;
}
}  // namespace

DiskError::DiskError(std::string operation, int error_code, const std::string& detail)
    : std::runtime_error(compose(operation, error_code, detail)),
      operation_(std::move(operation)),
      error_code_(error_code) {}

}  // namespace azemu::vm::disk
