// The VM size table (Spec: learn.microsoft.com "Sizes for virtual machines in Azure", per-series
// pages: vCPUs, memory, temp storage, max data disks, premium storage). Same sizes in every region.
#include "fake-arm/providers/compute/catalog/vm_sizes.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::arm::compute {

namespace {
VmSize size(std::string name, int cores, int memory_mb, int data_disks, int resource_mb, bool premium,
            std::string family, std::string tier = "Standard") {
  VmSize s;
  s.name = std::move(name);
  s.cores = cores;
  s.memory_mb = memory_mb;
  s.max_data_disks = data_disks;
  s.resource_disk_size_mb = resource_mb;
  s.premium_io = premium;
  s.tier = std::move(tier);
  s.family = std::move(family);
  return s;
}
}  // namespace

const std::vector<VmSize>& vm_sizes() {
  static const std::vector<VmSize> sizes = {
      // Basic A (tier Basic: no load balancing, no premium storage).
      size("Basic_A0", 1, 768, 1, 20480, false, "basicAFamily", "Basic"),
      size("Basic_A1", 1, 1792, 2, 40960, false, "basicAFamily", "Basic"),
      size("Basic_A2", 2, 3584, 4, 61440, false, "basicAFamily", "Basic"),
      size("Basic_A3", 4, 7168, 8, 122880, false, "basicAFamily", "Basic"),
      size("Basic_A4", 8, 14336, 16, 245760, false, "basicAFamily", "Basic"),
      size("Standard_A0", 1, 768, 1, 20480, false, "standardA0_A7Family"),
      size("Standard_A1", 1, 1792, 2, 71680, false, "standardA0_A7Family"),
      size("Standard_A2", 2, 3584, 4, 138240, false, "standardA0_A7Family"),
      size("Standard_A3", 4, 7168, 8, 291840, false, "standardA0_A7Family"),
      size("Standard_A4", 8, 14336, 16, 619520, false, "standardA0_A7Family"),
      size("Standard_A1_v2", 1, 2048, 2, 10240, false, "standardAv2Family"),
      size("Standard_A2_v2", 2, 4096, 4, 20480, false, "standardAv2Family"),
      size("Standard_A4_v2", 4, 8192, 8, 40960, false, "standardAv2Family"),
      size("Standard_A8_v2", 8, 16384, 16, 81920, false, "standardAv2Family"),
      size("Standard_A2m_v2", 2, 16384, 4, 20480, false, "standardAv2Family"),
      size("Standard_A4m_v2", 4, 32768, 8, 40960, false, "standardAv2Family"),
      size("Standard_A8m_v2", 8, 65536, 16, 81920, false, "standardAv2Family"),
      // B-series (burstable).
      size("Standard_B1ls", 1, 512, 2, 4096, true, "standardBSFamily"),
      size("Standard_B1s", 1, 1024, 2, 4096, true, "standardBSFamily"),
      size("Standard_B1ms", 1, 2048, 2, 4096, true, "standardBSFamily"),
      size("Standard_B2s", 2, 4096, 4, 8192, true, "standardBSFamily"),
      size("Standard_B2ms", 2, 8192, 4, 16384, true, "standardBSFamily"),
      size("Standard_B4ms", 4, 16384, 8, 32768, true, "standardBSFamily"),
      size("Standard_B8ms", 8, 32768, 16, 65536, true, "standardBSFamily"),
      // D-series v2 (Standard_DS1_v2 is az vm create's default size).
      size("Standard_D1_v2", 1, 3584, 4, 51200, false, "standardDv2Family"),
      size("Standard_D2_v2", 2, 7168, 8, 102400, false, "standardDv2Family"),
      size("Standard_D3_v2", 4, 14336, 16, 204800, false, "standardDv2Family"),
      size("Standard_D4_v2", 8, 28672, 32, 409600, false, "standardDv2Family"),
      size("Standard_D5_v2", 16, 57344, 64, 819200, false, "standardDv2Family"),
      size("Standard_DS1_v2", 1, 3584, 4, 7168, true, "standardDSv2Family"),
      size("Standard_DS2_v2", 2, 7168, 8, 14336, true, "standardDSv2Family"),
      size("Standard_DS3_v2", 4, 14336, 16, 28672, true, "standardDSv2Family"),
      size("Standard_DS4_v2", 8, 28672, 32, 57344, true, "standardDSv2Family"),
      size("Standard_DS5_v2", 16, 57344, 64, 114688, true, "standardDSv2Family"),
      // D-series v3, v4, v5.
      size("Standard_D2_v3", 2, 8192, 4, 51200, false, "standardDv3Family"),
      size("Standard_D4_v3", 4, 16384, 8, 102400, false, "standardDv3Family"),
      size("Standard_D8_v3", 8, 32768, 16, 204800, false, "standardDv3Family"),
      size("Standard_D16_v3", 16, 65536, 32, 409600, false, "standardDv3Family"),
      size("Standard_D2s_v3", 2, 8192, 4, 16384, true, "standardDSv3Family"),
      size("Standard_D4s_v3", 4, 16384, 8, 32768, true, "standardDSv3Family"),
      size("Standard_D8s_v3", 8, 32768, 16, 65536, true, "standardDSv3Family"),
      size("Standard_D16s_v3", 16, 65536, 32, 131072, true, "standardDSv3Family"),
      size("Standard_D2_v4", 2, 8192, 4, 0, false, "standardDv4Family"),
      size("Standard_D4_v4", 4, 16384, 8, 0, false, "standardDv4Family"),
      size("Standard_D8_v4", 8, 32768, 16, 0, false, "standardDv4Family"),
      size("Standard_D2s_v4", 2, 8192, 4, 0, true, "standardDSv4Family"),
      size("Standard_D4s_v4", 4, 16384, 8, 0, true, "standardDSv4Family"),
      size("Standard_D8s_v4", 8, 32768, 16, 0, true, "standardDSv4Family"),
      size("Standard_D2ds_v4", 2, 8192, 4, 76800, true, "standardDDSv4Family"),
      size("Standard_D4ds_v4", 4, 16384, 8, 153600, true, "standardDDSv4Family"),
      size("Standard_D2_v5", 2, 8192, 4, 0, false, "standardDv5Family"),
      size("Standard_D4_v5", 4, 16384, 8, 0, false, "standardDv5Family"),
      size("Standard_D8_v5", 8, 32768, 16, 0, false, "standardDv5Family"),
      size("Standard_D2s_v5", 2, 8192, 4, 0, true, "standardDSv5Family"),
      size("Standard_D4s_v5", 4, 16384, 8, 0, true, "standardDSv5Family"),
      size("Standard_D8s_v5", 8, 32768, 16, 0, true, "standardDSv5Family"),
      size("Standard_D2ds_v5", 2, 8192, 4, 76800, true, "standardDDSv5Family"),
      size("Standard_D4ds_v5", 4, 16384, 8, 153600, true, "standardDDSv5Family"),
      // E-series (memory optimised).
      size("Standard_E2_v3", 2, 16384, 4, 51200, false, "standardEv3Family"),
      size("Standard_E4_v3", 4, 32768, 8, 102400, false, "standardEv3Family"),
      size("Standard_E8_v3", 8, 65536, 16, 204800, false, "standardEv3Family"),
      size("Standard_E2s_v3", 2, 16384, 4, 32768, true, "standardESv3Family"),
      size("Standard_E4s_v3", 4, 32768, 8, 65536, true, "standardESv3Family"),
      size("Standard_E8s_v3", 8, 65536, 16, 131072, true, "standardESv3Family"),
      size("Standard_E2s_v5", 2, 16384, 4, 0, true, "standardESv5Family"),
      size("Standard_E4s_v5", 4, 32768, 8, 0, true, "standardESv5Family"),
      // F-series (compute optimised).
      size("Standard_F1", 1, 2048, 4, 16384, false, "standardFFamily"),
      size("Standard_F2", 2, 4096, 8, 32768, false, "standardFFamily"),
      size("Standard_F4", 4, 8192, 16, 65536, false, "standardFFamily"),
      size("Standard_F1s", 1, 2048, 4, 4096, true, "standardFSFamily"),
      size("Standard_F2s", 2, 4096, 8, 8192, true, "standardFSFamily"),
      size("Standard_F4s", 4, 8192, 16, 16384, true, "standardFSFamily"),
      size("Standard_F2s_v2", 2, 4096, 4, 16384, true, "standardFSv2Family"),
      size("Standard_F4s_v2", 4, 8192, 8, 32768, true, "standardFSv2Family"),
      size("Standard_F8s_v2", 8, 16384, 16, 65536, true, "standardFSv2Family"),
  };
  return sizes;
}

const VmSize* find_vm_size(std::string_view name) {
  for (const auto& s : vm_sizes())
    if (text::iequals(s.name, name)) return &s;
  return nullptr;
}

bool supports_gen2(const VmSize& s) {
  return s.premium_io || s.name.find("_v4") != std::string::npos || s.name.find("_v5") != std::string::npos;
}

}  // namespace azemu::arm::compute
