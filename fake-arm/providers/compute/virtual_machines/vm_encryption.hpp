// The VM side of Azure Disk Encryption's platform part, shared by VirtualMachineService and the
// resume-after-restart path: which key files a VM's encrypted volumes need at boot, and handing
// the BEK volume (fetched and unwrapped by disk_encryption/DiskEncryptionPlatform) to the runtime.
#pragma once

#include "emulator/ports/vm_runtime.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/providers/compute/disk_encryption/disk_encryption_platform.hpp"
#include "fake-arm/providers/compute/disks/disk_store.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_model.hpp"

#include <string>
#include <vector>

namespace azemu::arm::compute {

/// encryptionSettingsCollection of each of the VM's managed disks that has one (inside a transaction).
ade::DiskCollections disk_collections(store::Connection& c, const DiskStore& disks, const VirtualMachine& vm);

/// Fetches and unwraps `keys` as the platform and hands the BEK volume to the runtime (in a job).
/// Returns why some key could not be fetched ("" when all could); the volume is set anyway, so the
/// guest fails to unlock visibly, as a VM in Azure does. Throws what the runtime throws.
std::string provide_bek(const ade::DiskEncryptionPlatform& platform, ports::VmRuntime& runtime,
                        const std::string& vm_guid, const std::vector<ade::VolumeKey>& keys);

}  // namespace azemu::arm::compute
