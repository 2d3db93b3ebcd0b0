// Microsoft.Network/virtualNetworks: address space, DHCP options and the embedded subnets (which
// the subnets child routes edit through write_in(), see common/child_network_service.hpp).
// Rules: every prefix is IPv4 CIDR without host bits (InvalidAddressPrefixFormat, InvalidCIDRNotation);
// each subnet lies inside the address space (NetcfgSubnetRangeOutsideVnet) and overlaps no other
// (NetcfgSubnetRangesOverlap); subnet names are unique (DuplicateResourceName); a subnet holding NIC
// IP configurations cannot be removed (InUseSubnetCannotBeDeleted) or re-addressed; a subnet's
// networkSecurityGroup must exist in the same region (InvalidResourceReference).
// Served bodies add each subnet's ipConfigurations from the NICs that use it (never stored).
#pragma once

#include "fake-arm/providers/network/common/network_references.hpp"
#include "fake-arm/providers/network/common/network_service.hpp"

namespace azemu::arm {

class VirtualNetworkService : public TopLevelNetworkService {
public:
  explicit VirtualNetworkService(const NetworkDeps& deps) : TopLevelNetworkService(deps, "virtualNetworks") {}

  /// The first address prefix of a stored subnet body (addressPrefix, else addressPrefixes[0]), "" if none.
  static std::string subnet_prefix(const nlohmann::json& subnet);

  /// VirtualNetworks_CheckIPAddressAvailability: is `ip` free in the VNet, and up to 5 free
  /// neighbours when not. Throws ResourceNotFound, InvalidRequestFormat (not an IPv4 address).
  nlohmann::json check_ip_address(const auth::Principal& caller, const ResourceId& vnet, const std::string& ip) const;

protected:
  nlohmann::json prepare(PutContext& ctx) const override;
  void check_delete(store::Connection& c, const StoredResource& r) const override;
  nlohmann::json present(store::Connection& c, nlohmann::json stored) const override;
};

}  // namespace azemu::arm
