// OpenLogic CentOS marketplace images. Versions are real ones published under each SKU (CentOS
// 7.2n's 7.2.20160629 is the image of the ADE tutorial); lists are a representative subset, not
// every build. ADE (dual pass) supports CentOS 6.8/6.9 and 7.2–7.8 (research/ade.md §1.3).
#include "fake-arm/providers/compute/catalog/image_catalog_data.hpp"

namespace azemu::arm::compute::catalog_data {

std::vector<ImageSku> openlogic_images() {
  auto centos = [](std::string sku, std::vector<std::string> versions, std::string gen = "V1") {
    return linux_sku("OpenLogic", "CentOS", std::move(sku), std::move(versions), std::move(gen));
  };
  return {
      centos("6.8", {"6.8.20161026", "6.8.20170517", "6.8.20180105"}),
      centos("6.9", {"6.9.20170523", "6.9.20180118", "6.9.20180530"}),
      centos("6.10", {"6.10.20180803", "6.10.20190327", "6.10.20200521"}),
      centos("7.2n", {"7.2.20160629", "7.2.20161026", "7.2.20170105", "7.2.20170517"}),
      centos("7.3", {"7.3.20161221", "7.3.20170510", "7.3.20170707", "7.3.20170925"}),
      centos("7.4", {"7.4.20170919", "7.4.20180118", "7.4.20180704"}),
      centos("7.5", {"7.5.20180626", "7.5.20180815", "7.5.201808150"}),
      centos("7.6", {"7.6.20190402", "7.6.20190708", "7.6.20190808", "7.6.201909120"}),
      centos("7.7", {"7.7.201912090", "7.7.2020042000", "7.7.2021020400"}),
      centos("7_8", {"7.8.2020062400", "7.8.2020100700", "7.8.2021020400"}),
      centos("7_9", {"7.9.2021020400", "7.9.2021071900", "7.9.2022012100"}),
      centos("7_9-gen2", {"7.9.2021020401", "7.9.2021071901", "7.9.2022012101"}, "V2"),
      centos("8_1", {"8.1.2020042900", "8.1.2020062400"}),
      centos("8_2", {"8.2.2020062400", "8.2.2020111800"}),
      centos("8_3", {"8.3.2020120900", "8.3.2021020400"}),
      centos("8_4", {"8.4.2021071900"}),
      centos("8_5", {"8.5.2022012100", "8.5.2022101800"}),
      centos("8_5-gen2", {"8.5.2022012101", "8.5.2022101801"}, "V2"),
  };
}

}  // namespace azemu::arm::compute::catalog_data
