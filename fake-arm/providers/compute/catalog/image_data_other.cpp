// The remaining images the alias documents of az 2.45 and 2.74 name (Debian 10/11, Flatcar, Windows Server).
// Flatcar is sold with a marketplace plan (az vm create reads it from the image GET and passes it through);
// the others have none. Versions are real; lists are a representative subset. A gen2 SKU carries the
// versions of its gen1 sibling, as these publishers build both from one release.
#include "fake-arm/providers/compute/catalog/image_catalog_data.hpp"

namespace azemu::arm::compute::catalog_data {

std::vector<ImageSku> other_images() {
  std::vector<ImageSku> out;
  auto add = [&](std::string publisher, std::string offer, std::string sku, std::vector<std::string> versions,
                 std::string gen) {
    out.push_back(linux_sku(std::move(publisher), std::move(offer), std::move(sku), std::move(versions), std::move(gen)));
    return &out.back();
  };
  add("Debian", "debian-10", "10", {"0.20220328.962", "0.20220911.1135", "0.20230124.1270"}, "V1");
  add("Debian", "debian-10", "10-gen2", {"0.20220328.962", "0.20220911.1135", "0.20230124.1270"}, "V2");
  add("Debian", "debian-11", "11", {"0.20220328.962", "0.20220911.1135", "0.20230124.1270"}, "V1");
  add("Debian", "debian-11", "11-gen2", {"0.20220328.962", "0.20220911.1135", "0.20230124.1270"}, "V2");
  add("Debian", "debian-11", "11-backports-gen2", {"0.20220328.962", "0.20220911.1135", "0.20230124.1270"}, "V2");
  for (const char* sku : {"stable", "stable-gen2"}) {
    const bool gen2 = std::string(sku) == "stable-gen2";
    ImageSku* flatcar = add("kinvolk", "flatcar-container-linux-free", sku, {"3227.2.4", "3374.2.3", "3374.2.4"},
                            gen2 ? "V2" : "V1");
    flatcar->plan = {{"publisher", "kinvolk"}, {"name", sku}, {"product", "flatcar-container-linux-free"}};
  }

  auto windows = [&](std::string sku, std::vector<std::string> versions, std::string gen = "V1") {
    ImageSku s;
    s.publisher = "MicrosoftWindowsServer";
    s.offer = "WindowsServer";
    s.sku = std::move(sku);
    s.versions = std::move(versions);
    s.os_type = "Windows";
    s.os_disk_size_gb = 127;
    s.hyper_v_generation = gen;
    s.features = {{"IsAcceleratedNetworkSupported", "True"}, {"DiskControllerTypes", "SCSI"}};
    if (gen == "V2") s.features.insert(s.features.begin(), {"SecurityType", "TrustedLaunchSupported"});
    out.push_back(std::move(s));
  };
  windows("2022-Datacenter", {"20348.1487.230106", "20348.1547.230207"});
  windows("2022-datacenter-g2", {"20348.1487.230106", "20348.1547.230207"}, "V2");
  windows("2022-datacenter-azure-edition-core", {"20348.1487.230106", "20348.1547.230207"}, "V2");
  windows("2019-Datacenter", {"17763.3887.230107", "17763.4010.230207"});
  windows("2019-datacenter-gensecond", {"17763.3887.230107", "17763.4010.230207"}, "V2");
  windows("2016-Datacenter", {"14393.5648.230106", "14393.5717.230207"});
  windows("2016-datacenter-gensecond", {"14393.5648.230106", "14393.5717.230207"}, "V2");
  windows("2012-R2-Datacenter", {"9600.20778.230107", "9600.20821.230207"});
  windows("2012-Datacenter", {"9200.24075.230107", "9200.24150.230207"});
  windows("2008-R2-SP1", {"7601.26321.230207"});
  return out;
}

}  // namespace azemu::arm::compute::catalog_data
