// QemuRuntime: see qemu_runtime.hpp.
#include "vm-sim/qemu/qemu_runtime.hpp"

namespace azemu::vm {

namespace {
QemuMachineOptions machine_options(const QemuOptions& o) {
  QemuMachineOptions m = o;
  if (m.boot_dir.empty()) m.boot_dir = o.data_dir + "/qemu-boot";
  return m;
}
}  // namespace

// GuestRuntime and the hypervisor each take their part of the options (deliberate slices).
QemuRuntime::QemuRuntime(const QemuOptions& options)
    : GuestRuntime(options, std::make_unique<QemuHypervisor>(machine_options(options))) {}

}  // namespace azemu::vm
