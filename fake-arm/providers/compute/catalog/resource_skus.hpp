// Microsoft.Compute resource SKUs (ResourceSkus_List): one entry per VM size and per managed-disk
// performance tier, per region, in Azure's wire shape. Built from vm_sizes() and the disk tier
// table in resource_skus.cpp; no HTTP here.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace azemu::arm::compute {

/// The availability zones of a region ({"1","2","3"} for regions with zones, {} otherwise).
std::vector<std::string> region_zones(const std::string& location);

/// ResourceSku objects for `locations` (canonical names): virtualMachines entries first, then
/// disks, each with `locations: [loc]` and `restrictions: []`, as ARM lists them.
nlohmann::json resource_skus_json(const std::vector<std::string>& locations);

/// The sizes list of VirtualMachineSizes_List: {"value": [{name, numberOfCores, ...}]}.
nlohmann::json vm_sizes_json();

}  // namespace azemu::arm::compute
