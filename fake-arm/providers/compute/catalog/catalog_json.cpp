// Image catalog wire mapping; see catalog_json.hpp.
#include "fake-arm/providers/compute/catalog/catalog_json.hpp"

#include <cstdint>

namespace azemu::arm::compute {

namespace {
nlohmann::json item(const std::string& location, const std::string& name, const std::string& id) {
  return {{"location", location}, {"name", name}, {"id", id}};
}
std::string offer_id(const std::string& s, const std::string& l, const std::string& p, const std::string& o) {
  return publisher_id(s, l, p) + "/ArtifactTypes/VMImage/Offers/" + o;
}
std::string sku_id(const std::string& s, const std::string& l, const std::string& p, const std::string& o,
                   const std::string& k) {
  return offer_id(s, l, p, o) + "/Skus/" + k;
}
}  // namespace

std::string publisher_id(const std::string& subscription_id, const std::string& location, const std::string& publisher) {
  return "/Subscriptions/" + subscription_id + "/Providers/Microsoft.Compute/Locations/" + location + "/Publishers/" +
         publisher;
}

nlohmann::json publisher_json(const std::string& s, const std::string& l, const std::string& publisher) {
  return item(l, publisher, publisher_id(s, l, publisher));
}

nlohmann::json offer_json(const std::string& s, const std::string& l, const std::string& p, const std::string& offer) {
  return item(l, offer, offer_id(s, l, p, offer));
}

nlohmann::json sku_json(const std::string& s, const std::string& l, const std::string& p, const std::string& o,
                        const std::string& sku) {
  nlohmann::json j = item(l, sku, sku_id(s, l, p, o, sku));
  // Observed (azure-cli#9011): skus carry only the automatic OS upgrade flag; marketplace Linux images say false.
  j["properties"] = {{"automaticOSUpgradeProperties", {{"automaticOSUpgradeSupported", false}}}};
  return j;
}

nlohmann::json version_json(const std::string& s, const std::string& l, const ImageVersion& image,
                            bool with_properties) {
  nlohmann::json j =
      item(l, image.version, sku_id(s, l, image.publisher, image.offer, image.sku) + "/Versions/" + image.version);
  if (!with_properties) return j;
  // A marketplace VHD is its nominal size plus the 1 MiB VHD footer (Observed: 30 GB → 32213303808).
  const std::int64_t size_bytes = std::int64_t(image.os_disk_size_gb) * 1024 * 1024 * 1024 + 1024 * 1024;
  nlohmann::json props = {
      {"hyperVGeneration", image.hyper_v_generation},
      {"architecture", image.architecture},
      {"replicaType", "Unmanaged"},
      {"disallowed", {{"vmDiskType", "None"}}},
      {"automaticOSUpgradeProperties", {{"automaticOSUpgradeSupported", false}}},
      {"imageDeprecationStatus", {{"imageState", "Active"}}},
      {"features", image_features(image)},
      {"osDiskImage",
       {{"operatingSystem", image.os_type}, {"sizeInGb", image.os_disk_size_gb}, {"sizeInBytes", size_bytes}}},
      {"dataDiskImages", nlohmann::json::array()},
  };
  // Spec: plan is absent for images sold without one (az reads `image.plan` as None).
  if (!image.plan.is_null()) props["plan"] = image.plan;
  j["properties"] = props;
  return j;
}

}  // namespace azemu::arm::compute
