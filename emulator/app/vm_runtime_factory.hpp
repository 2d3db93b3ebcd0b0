// Which ports::VmRuntime runs Microsoft.Compute's VMs (`azemu start --vm-runtime`).
#pragma once

#include "emulator/app/config.hpp"
#include "emulator/ports/vm_runtime.hpp"

#include <memory>
#include <string>

namespace azemu::app {

/// "uml": a user-mode Linux guest per VM (vm-sim); "guestless": VMs are records only; "auto": uml
/// when the kernel, the image script and the guest agent are present, else guestless with a
/// warning that says what is missing. "uml" without them throws. "qemu": a QEMU guest per VM
/// (vm-sim/qemu/: Debian's kernel, the same userland; KVM when usable, else TCG); throws when
/// qemu-system-x86_64 or the kernel (docker/dev.sh) is missing.
std::unique_ptr<ports::VmRuntime> make_vm_runtime(const Config& config, const std::string& data_dir);

}  // namespace azemu::app
