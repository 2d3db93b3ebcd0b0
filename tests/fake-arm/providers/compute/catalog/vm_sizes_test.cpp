#include "fake-arm/providers/compute/catalog/vm_sizes.hpp"

#include "fake-arm/providers/compute/catalog/resource_skus.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace azemu::arm::compute;

TEST_SUITE("vm_sizes") {
  TEST_CASE("az vm create's default size is there, with Azure's numbers") {
    const VmSize* s = find_vm_size("standard_ds1_V2");
    REQUIRE(s);
    CHECK(s->name == "Standard_DS1_v2");
    CHECK(s->cores == 1);
    CHECK(s->memory_mb == 3584);
    CHECK(s->max_data_disks == 4);
    CHECK(s->resource_disk_size_mb == 7168);
    CHECK(s->os_disk_size_mb == 1047552);
    CHECK(s->premium_io);
    CHECK(s->family == "standardDSv2Family");
    CHECK(find_vm_size("Standard_Nope") == nullptr);
  }

  TEST_CASE("Basic A-series is tier Basic; names are unique") {
    CHECK(find_vm_size("Basic_A0")->tier == "Basic");
    CHECK(find_vm_size("Basic_A4")->cores == 8);
    CHECK(find_vm_size("Standard_B1s")->tier == "Standard");
    std::set<std::string> names;
    for (const auto& s : vm_sizes()) CHECK(names.insert(s.name).second);
    for (const char* n : {"Standard_B1ms", "Standard_B2s", "Standard_A1_v2", "Standard_D2_v3", "Standard_D2s_v4",
                          "Standard_D2s_v5", "Standard_DS5_v2", "Standard_E2s_v3", "Standard_F2s_v2"})
      CHECK_MESSAGE(find_vm_size(n), n);
  }

  TEST_CASE("resource skus: one virtualMachines entry per size per region, then disk tiers") {
    auto skus = resource_skus_json({"westus", "eastus"});
    std::size_t vms = 0, disks = 0;
    for (const auto& s : skus) {
      CHECK(s["restrictions"].empty());
      CHECK(s["locations"].size() == 1);
      if (s["resourceType"] == "virtualMachines") ++vms;
      if (s["resourceType"] == "disks") ++disks;
    }
    CHECK(vms == 2 * vm_sizes().size());
    CHECK(disks > 20);
    const auto& b1s = *std::find_if(skus.begin(), skus.end(), [](const auto& s) { return s["name"] == "Standard_B1s"; });
    CHECK(b1s["locations"][0] == "westus");
    CHECK(b1s["size"] == "B1s");
    CHECK(b1s["family"] == "standardBSFamily");
    auto capability = [&](const std::string& name) {
      for (const auto& c : b1s["capabilities"])
        if (c["name"] == name) return c["value"].get<std::string>();
      return std::string("<missing>");
    };
    CHECK(capability("vCPUs") == "1");
    CHECK(capability("MemoryGB") == "1");
    CHECK(capability("MaxDataDiskCount") == "2");
    CHECK(capability("PremiumIO") == "True");
    CHECK(capability("HyperVGenerations") == "V1,V2");
    CHECK(b1s["locationInfo"][0]["zones"].empty());  // westus has no availability zones
    auto east = std::find_if(skus.begin(), skus.end(),
                             [](const auto& s) { return s["name"] == "Standard_B1s" && s["locations"][0] == "eastus"; });
    CHECK((*east)["locationInfo"][0]["zones"].size() == 3);
  }

  TEST_CASE("MemoryGB prints fractions like Azure") {
    auto skus = resource_skus_json({"westus"});
    auto memory_of = [&](const std::string& name) {
      for (const auto& s : skus)
        if (s["name"] == name)
          for (const auto& c : s["capabilities"])
            if (c["name"] == "MemoryGB") return c["value"].get<std::string>();
      return std::string();
    };
    CHECK(memory_of("Basic_A0") == "0.75");
    CHECK(memory_of("Standard_DS1_v2") == "3.5");
    CHECK(memory_of("Standard_B1ls") == "0.5");
    CHECK(memory_of("Standard_D16s_v3") == "64");
  }
}
