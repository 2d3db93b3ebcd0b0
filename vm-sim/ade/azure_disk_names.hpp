// Which Azure data disk a guest block device is, from the names the guest agent makes
// (/dev/disk/azure/scsi1/lun<N> -> ../../../sdX, as Azure's udev rules do). ADE writes that
// persistent path into crypttab (a /dev/sdX name can change between boots) and, single pass, picks
// the per-disk key file LinuxPassPhraseFileName_0_<lun> by it (research/ade.md §1.4).
#pragma once

#include "vm-sim/ade/handler_paths.hpp"

#include <optional>
#include <string>

namespace azemu::vm::ade {

struct AzureDataDisk {
  std::string persistent_path;  // "/dev/disk/azure/scsi1/lun0"
  int lun = -1;
};

/// The data disk whose lun<N> link resolves to the same device as `device` (an in-VM path such as
/// "/dev/sdc" or the link itself); nullopt for anything else (OS disk, partitions, dm devices).
std::optional<AzureDataDisk> azure_data_disk(const HandlerPaths& paths, const std::string& device);

}  // namespace azemu::vm::ade
