// ResourceSku wire objects; see resource_skus.hpp. Capability names and order follow real
// `az vm list-skus` output (Spec: compute ResourceSkus_List, 2021-07-01 skus.json). Disk tiers:
// learn.microsoft.com "Azure managed disk types" (size, IOPS and throughput per tier).
#include "fake-arm/providers/compute/catalog/resource_skus.hpp"

#include "fake-arm/providers/compute/catalog/vm_sizes.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace azemu::arm::compute {

namespace {
struct DiskTier {
  const char* sku;   // Premium_LRS
  const char* tier;  // Premium
  const char* size;  // P10
  int max_gib, iops, mbps;
};

// Min size of a tier is the max of the previous tier of the same sku (0 for the first).
constexpr std::array kDiskTiers = {
    DiskTier{"Premium_LRS", "Premium", "P1", 4, 120, 25},       DiskTier{"Premium_LRS", "Premium", "P2", 8, 120, 25},
    DiskTier{"Premium_LRS", "Premium", "P3", 16, 120, 25},      DiskTier{"Premium_LRS", "Premium", "P4", 32, 120, 25},
    DiskTier{"Premium_LRS", "Premium", "P6", 64, 240, 50},      DiskTier{"Premium_LRS", "Premium", "P10", 128, 500, 100},
    DiskTier{"Premium_LRS", "Premium", "P15", 256, 1100, 125},  DiskTier{"Premium_LRS", "Premium", "P20", 512, 2300, 150},
    DiskTier{"Premium_LRS", "Premium", "P30", 1024, 5000, 200}, DiskTier{"Premium_LRS", "Premium", "P40", 2048, 7500, 250},
    DiskTier{"Premium_LRS", "Premium", "P50", 4096, 7500, 250}, DiskTier{"Premium_LRS", "Premium", "P60", 8192, 16000, 500},
    DiskTier{"Premium_LRS", "Premium", "P70", 16384, 18000, 750},
    DiskTier{"Premium_LRS", "Premium", "P80", 32767, 20000, 900},
    DiskTier{"StandardSSD_LRS", "Standard", "E1", 4, 500, 60},     DiskTier{"StandardSSD_LRS", "Standard", "E2", 8, 500, 60},
    DiskTier{"StandardSSD_LRS", "Standard", "E3", 16, 500, 60},    DiskTier{"StandardSSD_LRS", "Standard", "E4", 32, 500, 60},
    DiskTier{"StandardSSD_LRS", "Standard", "E6", 64, 500, 60},    DiskTier{"StandardSSD_LRS", "Standard", "E10", 128, 500, 60},
    DiskTier{"StandardSSD_LRS", "Standard", "E15", 256, 500, 60},  DiskTier{"StandardSSD_LRS", "Standard", "E20", 512, 500, 60},
    DiskTier{"StandardSSD_LRS", "Standard", "E30", 1024, 500, 60}, DiskTier{"StandardSSD_LRS", "Standard", "E40", 2048, 500, 60},
    DiskTier{"StandardSSD_LRS", "Standard", "E50", 4096, 500, 60},
    DiskTier{"StandardSSD_LRS", "Standard", "E60", 8192, 2000, 400},
    DiskTier{"StandardSSD_LRS", "Standard", "E70", 16384, 4000, 600},
    DiskTier{"StandardSSD_LRS", "Standard", "E80", 32767, 6000, 750},
    DiskTier{"Standard_LRS", "Standard", "S4", 32, 500, 60},      DiskTier{"Standard_LRS", "Standard", "S6", 64, 500, 60},
    DiskTier{"Standard_LRS", "Standard", "S10", 128, 500, 60},    DiskTier{"Standard_LRS", "Standard", "S15", 256, 500, 60},
    DiskTier{"Standard_LRS", "Standard", "S20", 512, 500, 60},    DiskTier{"Standard_LRS", "Standard", "S30", 1024, 500, 60},
    DiskTier{"Standard_LRS", "Standard", "S40", 2048, 500, 60},   DiskTier{"Standard_LRS", "Standard", "S50", 4096, 500, 60},
    DiskTier{"Standard_LRS", "Standard", "S60", 8192, 1300, 300}, DiskTier{"Standard_LRS", "Standard", "S70", 16384, 2000, 500},
    DiskTier{"Standard_LRS", "Standard", "S80", 32767, 2000, 500},
};

// Regions with availability zones (learn.microsoft.com "Azure regions with availability zone support").
constexpr std::array<std::string_view, 20> kZonalRegions = {
    "australiaeast", "brazilsouth", "canadacentral", "centralindia",  "centralus",  "eastasia",  "eastus",
    "eastus2",       "francecentral", "germanywestcentral", "japaneast", "koreacentral", "northeurope", "norwayeast",
    "southcentralus", "southeastasia", "swedencentral", "uksouth", "westeurope", "westus2"};

/// "0.75" for 768 MB, "3.5" for 3584 MB, "16" for 16384 MB (Azure prints MemoryGB without trailing zeros).
std::string memory_gb(int memory_mb) {
  std::string s = std::to_string(memory_mb / 1024.0);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

nlohmann::json cap(const char* name, const std::string& value) { return {{"name", name}, {"value", value}}; }

nlohmann::json location_info(const std::string& loc) {
  return nlohmann::json::array({{{"location", loc}, {"zones", region_zones(loc)}, {"zoneDetails", nlohmann::json::array()}}});
}

nlohmann::json vm_sku(const VmSize& s, const std::string& loc) {
  const bool gen2 = supports_gen2(s);
  const bool basic = s.tier == "Basic";
  const std::string short_name = s.name.substr(s.name.find('_') + 1);  // Standard_B1s → B1s
  const std::string yes_no_premium = s.premium_io ? "True" : "False";
  nlohmann::json caps = nlohmann::json::array({
      cap("MaxResourceVolumeMB", std::to_string(s.resource_disk_size_mb)),
      cap("OSVhdSizeMB", std::to_string(s.os_disk_size_mb)),
      cap("vCPUs", std::to_string(s.cores)),
      cap("MemoryPreservingMaintenanceSupported", basic ? "False" : "True"),
      cap("HyperVGenerations", gen2 ? "V1,V2" : "V1"),
      cap("MemoryGB", memory_gb(s.memory_mb)),
      cap("MaxDataDiskCount", std::to_string(s.max_data_disks)),
      cap("CpuArchitectureType", "x64"),
      cap("LowPriorityCapable", basic ? "False" : "True"),
      cap("PremiumIO", yes_no_premium),
      cap("VMDeploymentTypes", "IaaS"),
      cap("vCPUsAvailable", std::to_string(s.cores)),
      cap("vCPUsPerCore", "1"),
      cap("EphemeralOSDiskSupported", s.premium_io && s.resource_disk_size_mb > 0 ? "True" : "False"),
      cap("EncryptionAtHostSupported", yes_no_premium),
      cap("AcceleratedNetworkingEnabled", s.cores >= 2 && !basic ? "True" : "False"),
      cap("RdmaEnabled", "False"),
      cap("MaxNetworkInterfaces", std::to_string(std::max(2, std::min(8, s.cores)))),
  });
  return {{"resourceType", "virtualMachines"}, {"name", s.name},       {"tier", s.tier},
          {"size", short_name},                {"family", s.family},   {"locations", {loc}},
          {"locationInfo", location_info(loc)}, {"capabilities", caps}, {"restrictions", nlohmann::json::array()}};
}

nlohmann::json disk_sku(const DiskTier& t, int min_gib, const std::string& loc) {
  nlohmann::json caps = nlohmann::json::array({
      cap("MaxSizeGiB", std::to_string(t.max_gib)),
      cap("MinSizeGiB", std::to_string(min_gib)),
      cap("MaxIOps", std::to_string(t.iops)),
      cap("MinIOps", std::to_string(t.iops)),
      cap("MaxBandwidthMBps", std::to_string(t.mbps)),
      cap("MinBandwidthMBps", std::to_string(t.mbps)),
  });
  return {{"resourceType", "disks"},           {"name", t.sku},        {"tier", t.tier},
          {"size", t.size},                    {"locations", {loc}},   {"locationInfo", location_info(loc)},
          {"capabilities", caps},              {"restrictions", nlohmann::json::array()}};
}
}  // namespace

std::vector<std::string> region_zones(const std::string& location) {
  if (std::find(kZonalRegions.begin(), kZonalRegions.end(), location) != kZonalRegions.end()) return {"1", "2", "3"};
  return {};
}

nlohmann::json resource_skus_json(const std::vector<std::string>& locations) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& loc : locations)
    for (const auto& s : vm_sizes()) out.push_back(vm_sku(s, loc));
  for (const auto& loc : locations) {
    std::string_view previous_sku;
    int min_gib = 0;
    for (const auto& t : kDiskTiers) {
      if (previous_sku != t.sku) min_gib = 0;
      out.push_back(disk_sku(t, min_gib, loc));
      previous_sku = t.sku;
      min_gib = t.max_gib;
    }
  }
  return out;
}

nlohmann::json vm_sizes_json() {
  nlohmann::json value = nlohmann::json::array();
  for (const auto& s : vm_sizes())
    value.push_back({{"name", s.name},
                     {"numberOfCores", s.cores},
                     {"osDiskSizeInMB", s.os_disk_size_mb},
                     {"resourceDiskSizeInMB", s.resource_disk_size_mb},
                     {"memoryInMB", s.memory_mb},
                     {"maxDataDiskCount", s.max_data_disks}});
  return {{"value", value}};
}

}  // namespace azemu::arm::compute
