// Cloud metadata document; see metadata_handlers.hpp. Keys read by msrestazure
// (_populate_from_metadata_endpoint) and azure-cli's _arm_to_cli_mapper.
#include "fake-arm/resources/metadata/metadata_handlers.hpp"

#include "fake-arm/core/cloud_endpoints.hpp"

#include <nlohmann/json.hpp>

namespace azemu::arm {

http::Reply MetadataHandlers::endpoints(http::Request& req) {
  CloudEndpoints e = cloud_endpoints(req, names_);
  return http::Reply::ok({{"galleryEndpoint", e.gallery},
                          {"graphEndpoint", e.graph},
                          {"portalEndpoint", e.portal},
                          {"authentication", {{"loginEndpoint", e.login}, {"audiences", e.audiences}}},
                          {"name", e.name},
                          {"resourceManager", e.resource_manager},
                          {"microsoftGraphResourceId", e.graph},
                          {"suffixes", {{"keyVaultDns", e.keyvault_dns}}}});
}

}  // namespace azemu::arm
