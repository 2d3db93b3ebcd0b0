// The marketplace image catalog azemu offers (Microsoft.Compute VirtualMachineImages_*): publishers →
// offers → skus → versions, compiled into the binary (data in image_catalog_<publisher>.cpp).
// Lookups only; the wire shape lives in image_json.cpp and the HTTP glue in image_handlers.cpp.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azemu::arm::compute {

struct ImageVersion {
  std::string publisher, offer, sku, version;
  std::string os_type = "Linux";
  std::string hyper_v_generation = "V1";
  int os_disk_size_gb = 30;
  std::string architecture = "x64";
  nlohmann::json plan = nullptr;
};

/// Case-insensitive; version "latest" resolves to the highest version (compare numerically per dot part).
std::optional<ImageVersion> find_image(std::string_view publisher, std::string_view offer, std::string_view sku,
                                       std::string_view version);

// Listing, for VirtualMachineImages_List*. Names come back in the catalog's spelling ("OpenLogic");
// arguments match case-insensitively. std::nullopt means the parent (publisher, offer, sku) is unknown.

/// Every publisher, sorted case-insensitively.
std::vector<std::string> image_publishers();
/// The publisher's offers, sorted case-insensitively.
std::optional<std::vector<std::string>> image_offers(std::string_view publisher);
/// The offer's skus, sorted case-insensitively.
std::optional<std::vector<std::string>> image_skus(std::string_view publisher, std::string_view offer);
/// The sku's versions, lowest first (compare_versions order).
std::optional<std::vector<ImageVersion>> image_versions(std::string_view publisher, std::string_view offer,
                                                        std::string_view sku);
/// properties.features of an image: [{"name": ..., "value": ...}] (empty array when none).
nlohmann::json image_features(const ImageVersion& image);

/// <0, 0, >0 like strcmp. Dot-separated parts compare numerically when both are digits
/// ("7.10" > "7.9"), otherwise as case-insensitive text; a missing part sorts first ("7.2" < "7.2.1").
int compare_versions(std::string_view a, std::string_view b);

}  // namespace azemu::arm::compute
