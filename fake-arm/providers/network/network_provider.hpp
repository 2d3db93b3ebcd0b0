// Microsoft.Network as one object for the ARM composition (fake-arm/mount.cpp): the services of
// every type, their HTTP handlers and their template-deployment adapters. Routes stay in
// mount.cpp ("Spec: network ..."), which reaches these members through ArmRuntime::network.
#pragma once

#include "fake-arm/core/resource_types.hpp"
#include "fake-arm/providers/network/common/child_network_service.hpp"
#include "fake-arm/providers/network/common/network_deployable.hpp"
#include "fake-arm/providers/network/common/network_handlers.hpp"
#include "fake-arm/providers/network/network_interfaces/network_interface_service.hpp"
#include "fake-arm/providers/network/network_security_groups/network_security_group_service.hpp"
#include "fake-arm/providers/network/public_ip_addresses/public_ip_address_service.hpp"
#include "fake-arm/providers/network/virtual_networks/virtual_network_handlers.hpp"
#include "fake-arm/providers/network/virtual_networks/virtual_network_service.hpp"

namespace azemu::arm {

struct NetworkProvider {
  explicit NetworkProvider(const NetworkDeps& deps)
      : vnets(deps), subnets(vnets, "subnets", "Subnet"), nsgs(deps), security_rules(nsgs, "securityRules", "Security rule"),
        public_ips(deps), nics(deps),
        vnets_h(vnets, {"virtualNetworkName"}), vnet_extra_h(vnets), subnets_h(subnets, {"virtualNetworkName", "subnetName"}),
        nsgs_h(nsgs, {"networkSecurityGroupName"}),
        security_rules_h(security_rules, {"networkSecurityGroupName", "securityRuleName"}),
        public_ips_h(public_ips, {"publicIpAddressName"}), nics_h(nics, {"networkInterfaceName"}),
        vnets_d(vnets), subnets_d(subnets), nsgs_d(nsgs), security_rules_d(security_rules), public_ips_d(public_ips),
        nics_d(nics) {}

  /// Registers every type with the deployment engine (full types, matched ignoring case).
  void register_types(ResourceTypes& types) const {
    types.add(vnets.full_type(), vnets_d);
    types.add(subnets.full_type(), subnets_d);
    types.add(nsgs.full_type(), nsgs_d);
    types.add(security_rules.full_type(), security_rules_d);
    types.add(public_ips.full_type(), public_ips_d);
    types.add(nics.full_type(), nics_d);
  }

  VirtualNetworkService vnets;
  ChildNetworkService subnets;
  NetworkSecurityGroupService nsgs;
  ChildNetworkService security_rules;
  PublicIpAddressService public_ips;
  NetworkInterfaceService nics;

  NetworkHandlers vnets_h;
  VirtualNetworkHandlers vnet_extra_h;
  NetworkHandlers subnets_h;
  NetworkHandlers nsgs_h;
  NetworkHandlers security_rules_h;
  NetworkHandlers public_ips_h;
  NetworkHandlers nics_h;

  NetworkDeployable vnets_d, subnets_d, nsgs_d, security_rules_d, public_ips_d, nics_d;
};

}  // namespace azemu::arm
