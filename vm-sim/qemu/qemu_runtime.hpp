// ports::VmRuntime on QEMU (`azemu start --vm-runtime qemu`): a GuestRuntime
// (vm-sim/machine/guest_runtime.hpp: VM table, records, agent, extensions, lifecycle) over the
// QemuHypervisor (qemu_hypervisor.hpp: Debian's x86-64 kernel, KVM when usable else TCG, SCSI disks
// hot-plugged through QMP). This file only holds QEMU's options and builds the pair; every
// VmRuntime method is GuestRuntime's. Same guest userland, on-disk layout and agent protocol as the
// UML runtime; disks in the guest: /dev/sda OS, /dev/sdb resource, /dev/sdc.. data disks in LUN
// order, the BEK volume after them. An encrypted (LUKS) OS disk is refused with a clear error.
#pragma once

#include "vm-sim/machine/guest_runtime.hpp"
#include "vm-sim/qemu/qemu_hypervisor.hpp"

#include <chrono>

namespace azemu::vm {

struct QemuOptions : GuestRuntimeOptions, QemuMachineOptions {
  /// TCG on a busy 2-core host boots in ~20-60 s: the one timeout that differs from UML's.
  QemuOptions() { boot_timeout = std::chrono::seconds(300); }
};

class QemuRuntime final : public GuestRuntime {
public:
  explicit QemuRuntime(const QemuOptions& options);
};

}  // namespace azemu::vm
