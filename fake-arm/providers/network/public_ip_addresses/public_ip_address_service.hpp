// Microsoft.Network/publicIPAddresses. Addresses come from 203.0.113.0/24 (TEST-NET-3, never
// routable), unique per subscription, allocated at create and kept across updates; azemu assigns one
// to Dynamic (Basic) addresses at once too, because clients print it right after `vm create`.
// Defaults as Azure: sku Basic/Regional; publicIPAllocationMethod null or absent → Dynamic for
// Basic, Static for Standard (Standard + Dynamic is StandardSkuPublicIPAddressesMustBeStatic);
// IPv4; idleTimeoutInMinutes 4; dnsSettings.fqdn "<label>.<location>.cloudapp.azure.com".
// An address attached to a NIC IP configuration cannot be deleted (PublicIPAddressCannotBeDeleted);
// the served ipConfiguration is computed from the NICs.
#pragma once

#include "fake-arm/providers/network/common/network_references.hpp"
#include "fake-arm/providers/network/common/network_service.hpp"

namespace azemu::arm {

class PublicIpAddressService : public TopLevelNetworkService {
public:
  explicit PublicIpAddressService(const NetworkDeps& deps) : TopLevelNetworkService(deps, "publicIPAddresses") {}

protected:
  nlohmann::json prepare(PutContext& ctx) const override;
  void check_delete(store::Connection& c, const StoredResource& r) const override;
  nlohmann::json present(store::Connection& c, nlohmann::json stored) const override;
};

}  // namespace azemu::arm
