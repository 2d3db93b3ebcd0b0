// What Compute does around an Azure Disk Encryption extension PUT before the handler runs: the
// platform's checks (research/ade.md §1.7: Basic-tier sizes, vault in the VM's subscription and
// region, enabledForDiskEncryption, a versioned RSA KEK — the CLI checks some of these, but `--force`
// or another client skips them, and the platform must refuse too) and, for single-pass (1.1)
// enable, the disks to stamp. Any refusal fails the extension with VMExtensionProvisioningError
// and the message, as an extension failure does. Read inside the PUT's transaction.
#pragma once

#include "emulator/ports/vm_runtime.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/providers/compute/disk_encryption/ade_model.hpp"
#include "fake-arm/providers/compute/disk_encryption/disk_encryption_platform.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_model.hpp"

#include <string>
#include <vector>

namespace azemu::arm::compute {

class VirtualMachineService;

struct AdeExtensionPlan {
  bool ade = false;              // the extension is ADE for Linux
  std::string refusal;           // non-empty: fail with this message, deliver nothing
  bool stamp = false;            // single-pass enable: the platform makes and stamps the keys first
  ade::AdeRequest request;
  std::string machine_name;
  std::vector<ade::StampTarget> targets;
  std::vector<ade::VolumeKey> existing;  // keys already stamped on the VM's disks
};

AdeExtensionPlan plan_ade_extension(store::Connection& c, const VirtualMachineService& vms, const VirtualMachine& vm,
                                    const ports::ExtensionDelivery& delivery);

}  // namespace azemu::arm::compute
