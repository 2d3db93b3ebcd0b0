// The remaining images the alias documents name (Debian 10/11/12, Flatcar, Azure Linux 4, Windows Server).
// Azure Linux 4 (microsoftazurelinux/azurelinux-4: "4" gen2, "4-gen1", "4-arm64"; the AzureLinux4* aliases)
// has illustrative versions. Debian 12 is in the catalog by URN (Debian:debian-12:12-gen2:latest) but, as in
// Azure's alias document, has no alias.
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
  add("Debian", "debian-12", "12", {"0.20230612.1409", "0.20240211.1654", "0.20241004.1888"}, "V1");
  add("Debian", "debian-12", "12-gen2", {"0.20230612.1409", "0.20240211.1654", "0.20241004.1888"}, "V2");
  const std::vector<std::string> azl4 = {"4.20260512.01", "4.20260609.01"};
  add("microsoftazurelinux", "azurelinux-4", "4", azl4, "V2");
  add("microsoftazurelinux", "azurelinux-4", "4-gen1", azl4, "V1");
  ImageSku* arm = add("microsoftazurelinux", "azurelinux-4", "4-arm64", azl4, "V2");
  arm->architecture = "Arm64";
  // Arm64 images have no Trusted Launch (its Gen2 feature list without SecurityType).
  std::erase_if(arm->features, [](const auto& f) { return f.first == "SecurityType"; });
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
