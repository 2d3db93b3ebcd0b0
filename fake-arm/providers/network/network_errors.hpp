// Every Microsoft.Network error code this emulator can return, as factory functions (the one home
// for each code and its wording). Kept next to the provider rather than in fake-arm/errors.hpp
// because the Network RP's codes are its own (NetcfgSubnetRangesOverlap, NicInUse, ...), not ARM's.
// Wording follows real answers quoted in public issue threads (cited per factory); where the RP's
// wording is not public the message says what a user needs and is marked "Decision".
#pragma once

#include "emulator/error/azure_error.hpp"

#include <string>

namespace azemu::arm::network_errors {

// Observed (Network RP): "Resource name x! is invalid. The name can be up to 80 characters long. ..."
inline AzureError invalid_resource_name(const std::string& name) {
  return {ErrorKind::BadRequest, "InvalidResourceName",
          "Resource name " + name +
              " is invalid. The name can be up to 80 characters long. It must begin with a word character, and it must "
              "end with a word character or with '_'. The name may contain word characters or '.', '-', '_'."};
}
/// Decision: a property of the wrong type or an unknown enum value (the RP answers InvalidRequestFormat).
inline AzureError invalid_request_format(const std::string& what) {
  return {ErrorKind::BadRequest, "InvalidRequestFormat", "Cannot parse the request. " + what};
}
/// Observed: "Resource /subscriptions/.../virtualNetworks/v has two child resources with the same name (default)."
inline AzureError duplicate_resource_name(const std::string& parent_id, const std::string& name) {
  return {ErrorKind::BadRequest, "DuplicateResourceName",
          "Resource " + parent_id + " has two child resources with the same name (" + name + ")."};
}
/// Observed (azure-docs, terraform threads): a referenced resource that does not exist or is elsewhere.
inline AzureError invalid_resource_reference(const std::string& referenced, const std::string& by) {
  return {ErrorKind::BadRequest, "InvalidResourceReference",
          "Resource " + referenced + " referenced by resource " + by +
              " was not found. Please make sure that the referenced resource exists, and that both resources are in "
              "the same region."};
}
/// ARM's answer for a reference that is not a resource id. Observed wording (ARM, LinkedInvalidPropertyId).
inline AzureError linked_invalid_property_id(const std::string& value, const std::string& path) {
  return {ErrorKind::BadRequest, "LinkedInvalidPropertyId",
          "Property id '" + value + "' at path '" + path +
              "' is invalid. Expect fully qualified resource Id that start with '/subscriptions/{subscriptionId}' or "
              "'/providers/{resourceProviderNamespace}/'."};
}
inline AzureError not_found(const std::string& type_and_name, const std::string& group) {
  return {ErrorKind::NotFound, "ResourceNotFound",
          "The Resource '" + type_and_name + "' under resource group '" + group +
              "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix"};
}
/// Child resources (subnets, security rules) are answered by the RP itself with NotFound.
inline AzureError child_not_found(const std::string& what, const std::string& name, const std::string& parent_id) {
  return {ErrorKind::NotFound, "NotFound", what + " " + name + " not found in " + parent_id + "."};
}

// ---- address prefixes ----------------------------------------------------------------------------

/// Observed: "Address prefix 10.0.0.300/24 of resource ... is not formatted correctly. It should follow CIDR notation..."
inline AzureError invalid_address_prefix_format(const std::string& prefix, const std::string& resource) {
  return {ErrorKind::BadRequest, "InvalidAddressPrefixFormat",
          "Address prefix " + prefix + " of resource " + resource +
              " is not formatted correctly. It should follow CIDR notation, for example 10.0.0.0/24."};
}
/// Observed: the prefix has host bits set ("10.0.0.1/24").
inline AzureError invalid_cidr_notation(const std::string& prefix, const std::string& resource, const std::string& fixed) {
  return {ErrorKind::BadRequest, "InvalidCIDRNotation",
          "The address prefix " + prefix + " in resource " + resource +
              " has an invalid CIDR notation. For the given prefix length, the address prefix should be " + fixed + "."};
}
/// Observed (azure-docs #123869): NetcfgSubnetRangeOutsideVnet wording.
inline AzureError subnet_outside_vnet(const std::string& subnet, const std::string& vnet) {
  return {ErrorKind::BadRequest, "NetcfgSubnetRangeOutsideVnet",
          "Subnet '" + subnet + "' is not valid because its IP address range is outside the IP address range of virtual "
          "network '" + vnet + "'."};
}
/// Observed (azure-docs #123869): NetcfgSubnetRangesOverlap wording.
inline AzureError subnet_ranges_overlap(const std::string& subnet, const std::string& vnet) {
  return {ErrorKind::BadRequest, "NetcfgSubnetRangesOverlap",
          "Subnet '" + subnet + "' is not valid because its IP address range overlaps with that of an existing subnet in "
          "virtual network '" + vnet + "'."};
}
/// Decision (code observed, wording not public): a subnet without any address prefix.
inline AzureError subnet_prefix_missing(const std::string& subnet, const std::string& vnet) {
  return {ErrorKind::BadRequest, "NetcfgInvalidSubnet", "Subnet '" + subnet + "' is not valid in virtual network '" + vnet +
                                                            "'. It must have an address prefix."};
}

// ---- in use ------------------------------------------------------------------------------------

/// Observed (terraform-provider-azurerm #334, bicep #13267).
inline AzureError subnet_in_use(const std::string& subnet, const std::string& user) {
  return {ErrorKind::BadRequest, "InUseSubnetCannotBeDeleted",
          "Subnet " + subnet + " is in use by " + user +
              " and cannot be deleted. In order to delete the subnet, delete all the resources within the subnet. See "
              "aka.ms/deletesubnet."};
}
/// Decision (wording not public): changing the prefix of a subnet that holds IP configurations.
inline AzureError subnet_in_use_cannot_be_updated(const std::string& subnet, const std::string& user) {
  return {ErrorKind::BadRequest, "InUseSubnetCannotBeUpdated",
          "Subnet " + subnet + " is in use by " + user + " and its address prefix cannot be updated."};
}
/// Observed (terraform-provider-azurerm #8105).
inline AzureError nic_in_use(const std::string& nic, const std::string& vm) {
  return {ErrorKind::BadRequest, "NicInUse",
          "Network Interface " + nic + " is used by existing resource " + vm +
              ". In order to delete the network interface, it must be dissociated from the resource. To learn more, see "
              "aka.ms/deletenic."};
}
/// Observed (terraform-provider-azurerm #2566): Azure's code for deleting an attached public IP.
inline AzureError public_ip_cannot_be_deleted(const std::string& pip, const std::string& user) {
  return {ErrorKind::BadRequest, "PublicIPAddressCannotBeDeleted",
          "Public IP address " + pip + " can not be deleted since it is still allocated to resource " + user +
              ". In order to delete the public IP, disassociate/detach the Public IP address from the resource.  To learn "
              "how to do this, see aka.ms/deletepublicip."};
}
/// Observed (azure-tools-for-java #91): a second IP configuration referencing an allocated public IP.
inline AzureError public_ip_in_use(const std::string& ipconfig, const std::string& pip, const std::string& user) {
  return {ErrorKind::BadRequest, "PublicIPAddressInUse",
          "IP configuration " + ipconfig + " is referencing public IP address " + pip +
              " that is already allocated to resource " + user + "."};
}
/// Observed (DataBiosphere terra-workspace-manager #502, pulumi-azure-native #3051).
inline AzureError nsg_in_use(const std::string& nsg, const std::string& users) {
  return {ErrorKind::BadRequest, "InUseNetworkSecurityGroupCannotBeDeleted",
          "Network security group " + nsg + " cannot be deleted because it is in use by the following resources: " +
              users + ". In order to delete the Network security group, remove the association with the resource(s). To "
              "learn how to do this, see aka.ms/deletensg."};
}

// ---- network security rules ----------------------------------------------------------------------

inline AzureError security_rule_invalid_priority(const std::string& rule, const std::string& given) {
  return {ErrorKind::BadRequest, "SecurityRuleInvalidPriority",
          "Security rule " + rule + " has invalid Priority. Value provided: " + given + " Allowed range 100-4096."};
}
inline AzureError security_rule_conflict(const std::string& rule, const std::string& other) {
  return {ErrorKind::BadRequest, "SecurityRuleConflict",
          "Security rule " + rule + " conflicts with rule " + other +
              ". Rules cannot have the same Priority and Direction. To learn more, see aka.ms/nsgrules."};
}
/// Decision (wording not public): a required rule property (protocol, access, direction, priority) is missing.
inline AzureError security_rule_missing_property(const std::string& rule, const std::string& property) {
  return {ErrorKind::BadRequest, "SecurityRuleParameterMissing",
          "Security rule " + rule + " is missing the required property '" + property + "'."};
}

// ---- public IP addresses ---------------------------------------------------------------------------

/// Observed (azure-docs #42889, pulumi-azure-native #1597).
inline AzureError standard_sku_must_be_static(const std::string& pip) {
  return {ErrorKind::BadRequest, "StandardSkuPublicIPAddressesMustBeStatic",
          "Standard sku publicIp " + pip + " must have AllocationMethod set to Static."};
}
inline AzureError invalid_domain_name_label(const std::string& label) {
  return {ErrorKind::BadRequest, "InvalidDomainNameLabel",
          "The domain name label " + label +
              " is invalid. It must conform to the following regular expression: ^[a-z][a-z0-9-]{1,61}[a-z0-9]$."};
}
inline AzureError dns_record_in_use(const std::string& fqdn) {
  return {ErrorKind::BadRequest, "DnsRecordInUse", "DNS record " + fqdn + " is already used by another public IP."};
}
/// Decision: azemu hands out public addresses from 203.0.113.0/24 (TEST-NET-3), 254 per subscription.
inline AzureError public_ip_count_limit(const std::string& sub) {
  return {ErrorKind::BadRequest, "PublicIPCountLimitReached",
          "Cannot create more than 254 public IP addresses for subscription " + sub + "."};
}

// ---- network interfaces --------------------------------------------------------------------------

/// Decision (wording not public): a NIC needs at least one IP configuration with a subnet.
inline AzureError nic_ip_configuration_required(const std::string& nic) {
  return {ErrorKind::BadRequest, "NetworkInterfaceIpConfigurationRequired",
          "Network interface " + nic + " must have at least one IP configuration."};
}
inline AzureError ip_configuration_subnet_required(const std::string& ipconfig) {
  return {ErrorKind::BadRequest, "IpConfigurationSubnetRequired", "IP configuration " + ipconfig + " must reference a subnet."};
}
/// Observed shape: "IP configuration X is using the private IP address 10.0.0.4 which is already allocated to resource Y."
inline AzureError private_ip_in_use(const std::string& ipconfig, const std::string& ip, const std::string& user) {
  return {ErrorKind::BadRequest, "PrivateIPAddressInUse",
          "IP configuration " + ipconfig + " is using the private IP address " + ip +
              " which is already allocated to resource " + user + "."};
}
inline AzureError private_ip_not_in_subnet(const std::string& ipconfig, const std::string& ip, const std::string& subnet,
                                           const std::string& prefix) {
  return {ErrorKind::BadRequest, "PrivateIPAddressNotInSubnet",
          "IP configuration " + ipconfig + " is referencing private IP address " + ip +
              " which does not belong to subnet " + subnet + " with address prefix " + prefix + "."};
}
inline AzureError private_ip_reserved(const std::string& ip, const std::string& prefix) {
  return {ErrorKind::BadRequest, "PrivateIPAddressIsReserved",
          "Private static IP address " + ip + " falls within reserved IP range of subnet prefix " + prefix + "."};
}
inline AzureError private_ip_required(const std::string& ipconfig) {
  return {ErrorKind::BadRequest, "PrivateIPAddressRequired",
          "IP configuration " + ipconfig + " has privateIPAllocationMethod Static but no privateIPAddress."};
}
inline AzureError subnet_full(const std::string& subnet) {
  return {ErrorKind::BadRequest, "SubnetIsFull", "Subnet " + subnet + " has no more available IP addresses."};
}

}  // namespace azemu::arm::network_errors
