// Red Hat Enterprise Linux marketplace images (pay-as-you-go: no plan). ADE dual pass supports RHEL
// 7.2–7.8 (research/ade.md §1.3); single pass the newer ones. "7-LVM" is az 2.45's "RHEL" alias.
// Versions are real build stamps; lists are a representative subset.
#include "fake-arm/providers/compute/catalog/image_catalog_data.hpp"

namespace azemu::arm::compute::catalog_data {

std::vector<ImageSku> redhat_images() {
  auto rhel = [](std::string sku, std::vector<std::string> versions, std::string gen = "V1", int disk_gb = 64) {
    ImageSku s = linux_sku("RedHat", "RHEL", std::move(sku), std::move(versions), std::move(gen));
    s.os_disk_size_gb = disk_gb;
    return s;
  };
  return {
      rhel("6.8", {"6.8.2017090906", "6.8.2017110510"}, "V1", 32),
      rhel("7.2", {"7.2.20161026", "7.2.2017090716", "7.2.2017110114"}, "V1", 32),
      rhel("7.3", {"7.3.2017053118", "7.3.2017090723", "7.3.2017110208"}, "V1", 32),
      rhel("7.4", {"7.4.2018010506", "7.4.2018053110"}, "V1", 32),
      rhel("7.5", {"7.5.2018081518", "7.5.2019060713"}),
      rhel("7.6", {"7.6.2019062414", "7.6.2019072418", "7.6.2020082423"}),
      rhel("7.7", {"7.7.2019090418", "7.7.2020031801", "7.7.2020082423"}),
      rhel("7.8", {"7.8.2020050910", "7.8.2021051701"}),
      rhel("7_9", {"7.9.2020111202", "7.9.2021051701", "7.9.2022032206"}),
      rhel("79-gen2", {"7.9.2020111203", "7.9.2021051702", "7.9.2022032207"}, "V2"),
      rhel("7-LVM", {"7.8.2020111202", "7.9.2021051701", "7.9.2022101801"}),
      rhel("8", {"8.0.2019050711", "8.0.2020021914"}),
      rhel("8.1", {"8.1.2019112720", "8.1.2020020415"}),
      rhel("8.2", {"8.2.2020050811", "8.2.2020062209", "8.2.2021091202"}),
      rhel("8_4", {"8.4.2021053101", "8.4.2022031002"}),
      rhel("8_6", {"8.6.2022052401", "8.6.2022101801"}),
      rhel("8-lvm", {"8.4.2021053101", "8.6.2022052401", "8.6.2022101801"}),
      rhel("8-gen2", {"8.0.2019050712", "8.1.2020020416", "8.2.2020062210"}, "V2"),
      rhel("8-lvm-gen2", {"8.4.2021053102", "8.6.2022052402", "8.6.2022101802"}, "V2"),
  };
}

}  // namespace azemu::arm::compute::catalog_data
