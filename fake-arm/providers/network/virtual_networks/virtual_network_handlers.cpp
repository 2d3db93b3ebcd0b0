// Virtual network extra handlers; see virtual_network_handlers.hpp.
#include "fake-arm/providers/network/virtual_networks/virtual_network_handlers.hpp"

#include "fake-arm/core/request_helpers.hpp"
#include "fake-arm/providers/network/network_errors.hpp"

namespace azemu::arm {

http::Reply VirtualNetworkHandlers::check_ip_address(http::Request& req) {
  auto ip = req.query_param("ipAddress");
  if (!ip) throw network_errors::invalid_request_format("The query parameter 'ipAddress' is required.");
  auto id = svc_.make_id(req.param("subscriptionId"), req.param("resourceGroupName"), {req.param("virtualNetworkName")});
  return http::Reply::ok(svc_.check_ip_address(caller(req), id, *ip));
}

}  // namespace azemu::arm
