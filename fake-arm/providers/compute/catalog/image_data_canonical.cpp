// Canonical Ubuntu Server marketplace images: the UbuntuServer offer (14.04.5/16.04/18.04 LTS; 18.04
// is az 2.45's "UbuntuLTS" alias), and the per-release offers that replaced it (focal 20.04, jammy
// 22.04) with their gen2 SKUs, and 24.04's ubuntu-24_04-lts, whose plain SKUs are gen2 ("server",
// the alias document's Ubuntu2404; "ubuntu-pro", Ubuntu2404Pro, billed through the image, no plan) with
// "-gen1" siblings. Versions are real build stamps in Canonical's form (24.04's are illustrative); lists
// are a representative subset.
#include "fake-arm/providers/compute/catalog/image_catalog_data.hpp"

namespace azemu::arm::compute::catalog_data {

std::vector<ImageSku> canonical_images() {
  auto ubuntu = [](std::string offer, std::string sku, std::vector<std::string> versions, std::string gen = "V1") {
    return linux_sku("Canonical", std::move(offer), std::move(sku), std::move(versions), std::move(gen));
  };
  const std::string focal = "0001-com-ubuntu-server-focal", jammy = "0001-com-ubuntu-server-jammy",
                    noble = "ubuntu-24_04-lts";
  return {
      ubuntu("UbuntuServer", "14.04.5-LTS", {"14.04.201808180", "14.04.201905140"}),
      ubuntu("UbuntuServer", "16.04-LTS", {"16.04.201912170", "16.04.202006100", "16.04.202104290", "16.04.202109280"}),
      ubuntu("UbuntuServer", "18.04-LTS", {"18.04.202106220", "18.04.202204190", "18.04.202301100", "18.04.202306070"}),
      ubuntu("UbuntuServer", "18_04-lts-gen2", {"18.04.202106220", "18.04.202204190", "18.04.202306070"}, "V2"),
      ubuntu(focal, "20_04-lts", {"20.04.202105080", "20.04.202209200", "20.04.202302150"}),
      ubuntu(focal, "20_04-lts-gen2", {"20.04.202105080", "20.04.202209200", "20.04.202302150"}, "V2"),
      ubuntu(jammy, "22_04-lts", {"22.04.202204200", "22.04.202209211", "22.04.202302140"}),
      ubuntu(jammy, "22_04-lts-gen2", {"22.04.202204200", "22.04.202209211", "22.04.202302140"}, "V2"),
      ubuntu(noble, "server", {"24.04.202404230", "24.04.202409120", "24.04.202502210"}, "V2"),
      ubuntu(noble, "server-gen1", {"24.04.202404230", "24.04.202409120", "24.04.202502210"}),
      ubuntu(noble, "ubuntu-pro", {"24.04.202404230", "24.04.202409120", "24.04.202502210"}, "V2"),
      ubuntu(noble, "ubuntu-pro-gen1", {"24.04.202404230", "24.04.202409120", "24.04.202502210"}),
  };
}

}  // namespace azemu::arm::compute::catalog_data
