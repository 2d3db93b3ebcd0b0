// The VM sizes azemu offers (Microsoft.Compute VirtualMachineSizes_List and the virtualMachines
// entries of ResourceSkus_List). Numbers are Azure's published ones; data in vm_sizes.cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace azemu::arm::compute {

struct VmSize {
  std::string name;
  int cores = 1;
  int memory_mb = 0;
  int max_data_disks = 0;
  int os_disk_size_mb = 1047552;
  int resource_disk_size_mb = 0;
  bool premium_io = false;
  std::string tier = "Standard";
  std::string family;
};

/// True when the size boots Hyper-V generation 2 images (resource SKU capability HyperVGenerations "V1,V2"),
/// the precondition of Trusted Launch: sizes with premium storage and the v4/v5 generations; classic
/// A-series is gen1 only.
bool supports_gen2(const VmSize& s);

/// Every size, in the order VirtualMachineSizes_List returns them.
const std::vector<VmSize>& vm_sizes();

/// The size named `name` (case-insensitive), or nullptr.
const VmSize* find_vm_size(std::string_view name);  // case-insensitive

}  // namespace azemu::arm::compute
