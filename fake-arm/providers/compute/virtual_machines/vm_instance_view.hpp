// The VM instance view (Spec: compute 2022-11-01 VirtualMachineInstanceView) assembled on each
// read from the stored model, the stored power state and the runtime's cached observations
// (agent, extension reports). az reads statuses[].code (never null) and the PowerState/* status's
// displayStatus; `az vm encryption show` reads extensions[] and disks[].encryptionSettings.
#pragma once

#include "emulator/ports/vm_runtime.hpp"
#include "fake-arm/providers/compute/disk_encryption/ade_model.hpp"
#include "fake-arm/providers/compute/compute_common.hpp"
#include "fake-arm/providers/compute/extensions/extension_model.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_model.hpp"

#include <vector>

namespace azemu::arm::compute {

nlohmann::json vm_instance_view(const VirtualMachine& vm, PowerState power, const std::vector<Extension>& extensions,
                                ports::VmRuntime& runtime, const std::string& power_note = "",
                                const ade::DiskCollections& encrypted_disks = {});

}  // namespace azemu::arm::compute
