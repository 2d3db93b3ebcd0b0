// SUSE marketplace images: SLES 12 SP5 and 15 SP1–SP5 (gen1 and gen2 SKUs) and openSUSE Leap 15.3/15.4
// (15.3 gen2 is az 2.45's "openSUSE-Leap" alias, 15.4 gen2 the alias document's "OpenSuseLeap154Gen2";
// sles-15-sp3 gen2 is az 2.74's bundled "SuseSles15SP3", sles-15-sp5 gen2 today's "SuseSles15SP5").
// Pay-as-you-go images carry no plan. Versions are date stamps in SUSE's form; lists are a representative
// subset (15.4's and SP5's are illustrative, not checked against the marketplace).
#include "fake-arm/providers/compute/catalog/image_catalog_data.hpp"

namespace azemu::arm::compute::catalog_data {

std::vector<ImageSku> suse_images() {
  std::vector<ImageSku> out;
  auto add = [&](std::string offer, std::vector<std::string> versions) {
    for (const char* gen : {"gen1", "gen2"}) {
      out.push_back(linux_sku("SUSE", offer, gen, versions, std::string(gen) == "gen2" ? "V2" : "V1"));
    }
  };
  add("sles-12-sp5", {"2021.09.15", "2022.06.24", "2022.11.09"});
  add("sles-15-sp1", {"2021.02.11", "2021.09.15", "2022.01.19"});
  add("sles-15-sp2", {"2021.09.15", "2022.06.24", "2022.11.03"});
  add("sles-15-sp3", {"2021.09.15", "2022.06.24", "2022.11.03"});
  add("sles-15-sp4", {"2022.06.24", "2022.11.09", "2023.02.05"});
  add("sles-15-sp5", {"2023.06.21", "2023.12.06", "2024.06.12"});
  add("opensuse-leap-15-3", {"2021.07.08", "2022.02.10", "2022.08.26"});
  add("openSUSE-leap-15-4", {"2022.06.09", "2022.11.10", "2023.02.06"});
  return out;
}

}  // namespace azemu::arm::compute::catalog_data
