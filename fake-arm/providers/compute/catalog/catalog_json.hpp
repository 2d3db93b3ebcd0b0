// Wire shapes of the marketplace image lists and the image version (Spec: compute 2022-11-01
// virtualMachineImage.json: VirtualMachineImageResource / VirtualMachineImage). Ids use the
// capitalised segments Azure prints ("/Subscriptions/{s}/Providers/Microsoft.Compute/Locations/...").
#pragma once

#include "fake-arm/providers/compute/catalog/image_catalog.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace azemu::arm::compute {

/// "/Subscriptions/{s}/Providers/Microsoft.Compute/Locations/{location}/Publishers/{publisher}".
std::string publisher_id(const std::string& subscription_id, const std::string& location, const std::string& publisher);

/// {"location", "name", "id"} of a publisher (VirtualMachineImages_ListPublishers item).
nlohmann::json publisher_json(const std::string& subscription_id, const std::string& location,
                              const std::string& publisher);
/// {"location", "name", "id"} of an offer (VirtualMachineImages_ListOffers item).
nlohmann::json offer_json(const std::string& subscription_id, const std::string& location,
                          const std::string& publisher, const std::string& offer);
/// A sku (VirtualMachineImages_ListSkus item), with properties.automaticOSUpgradeProperties.
nlohmann::json sku_json(const std::string& subscription_id, const std::string& location, const std::string& publisher,
                        const std::string& offer, const std::string& sku);
/// A version: {"location","name","id"} plus "properties" when `with_properties` (the GET and
/// VirtualMachineImages_List with $expand=properties).
nlohmann::json version_json(const std::string& subscription_id, const std::string& location, const ImageVersion& image,
                            bool with_properties);

}  // namespace azemu::arm::compute
