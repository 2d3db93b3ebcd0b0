// HTTP glue for the virtualNetworks operations beyond CRUD (CRUD: common/network_handlers.hpp).
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "fake-arm/providers/network/virtual_networks/virtual_network_service.hpp"

namespace azemu::arm {

class VirtualNetworkHandlers {
public:
  explicit VirtualNetworkHandlers(const VirtualNetworkService& svc) : svc_(svc) {}
  /// GET .../virtualNetworks/{v}/CheckIPAddressAvailability?ipAddress=10.0.0.4
  /// Spec: network 2022-07-01 virtualNetwork.json VirtualNetworks_CheckIPAddressAvailability.
  http::Reply check_ip_address(http::Request& req);

private:
  const VirtualNetworkService& svc_;
};

}  // namespace azemu::arm
