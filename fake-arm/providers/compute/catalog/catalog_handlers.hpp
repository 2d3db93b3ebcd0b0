// HTTP glue for the compute catalogs (Spec: compute 2022-11-01 VirtualMachineImages_*,
// VirtualMachineExtensionImages_*, VirtualMachineSizes_List, ResourceSkus_List): route parameters and $top/$orderby/$expand/$filter
// become typed input for CatalogService; results go out through catalog_json / resource_skus.
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "fake-arm/providers/compute/catalog/catalog_service.hpp"

#include <optional>
#include <string>

namespace azemu::arm::compute {

/// "location eq 'westus'" → "westus". Throws InvalidFilterInQueryString for anything else
/// (Spec: ResourceSkus_List "Only location filter is supported currently").
std::optional<std::string> parse_sku_location_filter(const std::optional<std::string>& filter);
/// $top and $orderby of VirtualMachineImages_List; throws InvalidQueryParameterValue.
VersionQuery parse_version_query(const std::optional<std::string>& top, const std::optional<std::string>& orderby);

class CatalogHandlers {
public:
  explicit CatalogHandlers(const CatalogService& svc) : svc_(svc) {}

  http::Reply list_publishers(http::Request& req);  // GET .../locations/{location}/publishers
  http::Reply list_offers(http::Request& req);      // GET .../publishers/{publisherName}/artifacttypes/vmimage/offers
  http::Reply list_skus(http::Request& req);        // GET .../offers/{offer}/skus
  http::Reply list(http::Request& req);             // GET .../skus/{skus}/versions
  http::Reply get(http::Request& req);              // GET .../skus/{skus}/versions/{version}
  http::Reply list_extension_types(http::Request& req);     // GET .../publishers/{p}/artifacttypes/vmextension/types
  http::Reply list_extension_versions(http::Request& req);  // GET .../types/{type}/versions
  http::Reply get_extension_version(http::Request& req);    // GET .../types/{type}/versions/{version}
  http::Reply list_sizes(http::Request& req);       // GET .../locations/{location}/vmSizes
  http::Reply list_resource_skus(http::Request& req);  // GET /subscriptions/{s}/providers/Microsoft.Compute/skus

private:
  const CatalogService& svc_;
};

}  // namespace azemu::arm::compute
