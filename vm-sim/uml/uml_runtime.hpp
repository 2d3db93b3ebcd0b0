// ports::VmRuntime on user-mode Linux (`azemu start --vm-runtime uml`, the default): a GuestRuntime
// (vm-sim/machine/guest_runtime.hpp: VM table, records, agent, extensions, lifecycle) over the
// UmlHypervisor (uml_hypervisor.hpp: ubd disk slots, mconsole hot-plug, OS-disk encryption and the
// initramfs boot path). This file only holds UML's options and builds the pair; every VmRuntime
// method is GuestRuntime's. Every VM is a UmlGuest booted from a copy of the guest image, with its
// disks as sparse files in <data-dir>/disks/ and its state in <data-dir>/vms/<vm_id>/.
#pragma once

#include "vm-sim/guest/guest_image.hpp"
#include "vm-sim/machine/guest_runtime.hpp"

#include <functional>

namespace azemu::vm {

struct UmlOptions : GuestRuntimeOptions {
  GuestImage image;                     // or, when image.kernel is empty, built on first boot by:
  std::function<GuestImage()> image_source;
  /// Guest RAM is the VM size's memory (VmSpec::memory_mb), capped here: a 256 MiB guest already
  /// runs everything the emulator needs, and RSS grows only as pages are touched (idle ~40-60 MB).
  int memory_cap_mb = 512;
};

class UmlRuntime final : public GuestRuntime {
public:
  explicit UmlRuntime(const UmlOptions& options);
};

}  // namespace azemu::vm
