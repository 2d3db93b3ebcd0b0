// See mount.hpp.
#include "fake-arm/providers/network/mount.hpp"

#include "fake-arm/core/check_existence.hpp"

namespace azemu::arm {

void mount_network_routes(ArmRoutes& r, NetworkProvider& n) {
  using NH = NetworkHandlers;
  const std::string net_rg = r.rg + "/providers/Microsoft.Network";
  const std::string net_sub = r.sub + "/providers/Microsoft.Network";
  const std::string vnet = net_rg + "/virtualNetworks/{virtualNetworkName}";
  const std::string subnet = vnet + "/subnets/{subnetName}";
  const std::string nsg = net_rg + "/networkSecurityGroups/{networkSecurityGroupName}";
  const std::string rule = nsg + "/securityRules/{securityRuleName}";
  const std::string pip = net_rg + "/publicIPAddresses/{publicIpAddressName}";
  const std::string nic = net_rg + "/networkInterfaces/{networkInterfaceName}";
  r.arm.del(vnet, "VirtualNetworks_Delete", r.to(n.vnets_h, &NH::remove))
      .get(vnet, "VirtualNetworks_Get", r.to(n.vnets_h, &NH::get))
      .head(vnet, kCheckExistence, check_existence_from_get(r.to(n.vnets_h, &NH::get)))
      .put(vnet, "VirtualNetworks_CreateOrUpdate", r.to(n.vnets_h, &NH::create_or_update))
      .patch(vnet, "VirtualNetworks_UpdateTags", r.to(n.vnets_h, &NH::update_tags))
      .get(net_sub + "/virtualNetworks", "VirtualNetworks_ListAll", r.to(n.vnets_h, &NH::list_by_subscription))
      .get(net_rg + "/virtualNetworks", "VirtualNetworks_List", r.to(n.vnets_h, &NH::list_by_group))
      .get(vnet + "/CheckIPAddressAvailability", "VirtualNetworks_CheckIPAddressAvailability",
           r.to(n.vnet_extra_h, &VirtualNetworkHandlers::check_ip_address))
      .del(subnet, "Subnets_Delete", r.to(n.subnets_h, &NH::remove))
      .get(subnet, "Subnets_Get", r.to(n.subnets_h, &NH::get))
      .head(subnet, kCheckExistence, check_existence_from_get(r.to(n.subnets_h, &NH::get)))
      .put(subnet, "Subnets_CreateOrUpdate", r.to(n.subnets_h, &NH::create_or_update))
      .get(vnet + "/subnets", "Subnets_List", r.to(n.subnets_h, &NH::list_children))
      .del(nsg, "NetworkSecurityGroups_Delete", r.to(n.nsgs_h, &NH::remove))
      .get(nsg, "NetworkSecurityGroups_Get", r.to(n.nsgs_h, &NH::get))
      .head(nsg, kCheckExistence, check_existence_from_get(r.to(n.nsgs_h, &NH::get)))
      .put(nsg, "NetworkSecurityGroups_CreateOrUpdate", r.to(n.nsgs_h, &NH::create_or_update))
      .patch(nsg, "NetworkSecurityGroups_UpdateTags", r.to(n.nsgs_h, &NH::update_tags))
      .get(net_sub + "/networkSecurityGroups", "NetworkSecurityGroups_ListAll", r.to(n.nsgs_h, &NH::list_by_subscription))
      .get(net_rg + "/networkSecurityGroups", "NetworkSecurityGroups_List", r.to(n.nsgs_h, &NH::list_by_group))
      .del(rule, "SecurityRules_Delete", r.to(n.security_rules_h, &NH::remove))
      .get(rule, "SecurityRules_Get", r.to(n.security_rules_h, &NH::get))
      .head(rule, kCheckExistence, check_existence_from_get(r.to(n.security_rules_h, &NH::get)))
      .put(rule, "SecurityRules_CreateOrUpdate", r.to(n.security_rules_h, &NH::create_or_update))
      .get(nsg + "/securityRules", "SecurityRules_List", r.to(n.security_rules_h, &NH::list_children))
      .del(pip, "PublicIPAddresses_Delete", r.to(n.public_ips_h, &NH::remove))
      .get(pip, "PublicIPAddresses_Get", r.to(n.public_ips_h, &NH::get))
      .head(pip, kCheckExistence, check_existence_from_get(r.to(n.public_ips_h, &NH::get)))
      .put(pip, "PublicIPAddresses_CreateOrUpdate", r.to(n.public_ips_h, &NH::create_or_update))
      .patch(pip, "PublicIPAddresses_UpdateTags", r.to(n.public_ips_h, &NH::update_tags))
      .get(net_sub + "/publicIPAddresses", "PublicIPAddresses_ListAll", r.to(n.public_ips_h, &NH::list_by_subscription))
      .get(net_rg + "/publicIPAddresses", "PublicIPAddresses_List", r.to(n.public_ips_h, &NH::list_by_group))
      .del(nic, "NetworkInterfaces_Delete", r.to(n.nics_h, &NH::remove))
      .get(nic, "NetworkInterfaces_Get", r.to(n.nics_h, &NH::get))
      .head(nic, kCheckExistence, check_existence_from_get(r.to(n.nics_h, &NH::get)))
      .put(nic, "NetworkInterfaces_CreateOrUpdate", r.to(n.nics_h, &NH::create_or_update))
      .patch(nic, "NetworkInterfaces_UpdateTags", r.to(n.nics_h, &NH::update_tags))
      .get(net_sub + "/networkInterfaces", "NetworkInterfaces_ListAll", r.to(n.nics_h, &NH::list_by_subscription))
      .get(net_rg + "/networkInterfaces", "NetworkInterfaces_List", r.to(n.nics_h, &NH::list_by_group));
}

}  // namespace azemu::arm
