// References between Network resources, read from the stored bodies of one subscription. Azure
// serves back-references (subnet.ipConfigurations, networkSecurityGroup.networkInterfaces/subnets,
// publicIPAddress.ipConfiguration) that nobody writes; azemu computes them at read time from the
// forward references (NIC → subnet/public IP/NSG, subnet → NSG), so they can never go stale — not
// even when the referencing resource's group is deleted. The same lists drive the in-use guards.
#pragma once

#include "emulator/store/database.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace azemu::arm {

/// One NIC IP configuration and what it references (keys are lower-cased ids, "" when none).
struct IpConfigUse {
  std::string ipconfig_id;  // ".../networkInterfaces/nic/ipConfigurations/ipconfig1"
  std::string nic_key;
  std::string subnet_key;
  std::string public_ip_key;
  std::string private_ip;
};
std::vector<IpConfigUse> ip_config_uses(store::Connection& c, const std::string& subscription_id);

/// A NIC or subnet that names a network security group.
struct NsgUse {
  std::string user_id;  // the NIC or subnet id, as stored
  std::string nsg_key;
};
std::vector<NsgUse> nsg_uses(store::Connection& c, const std::string& subscription_id);

/// [{"id": ...}, ...] as Azure prints reference lists.
nlohmann::json id_list(const std::vector<std::string>& ids);

}  // namespace azemu::arm

#include "fake-arm/core/resource_store.hpp"

#include <optional>

namespace azemu::arm {

/// Resolves the forward reference `ref` ({"id": ...}) found at JSON `path` of resource `by` to a
/// stored top-level resource of `full_type` in `location`. Throws LinkedInvalidPropertyId (not an
/// id) or InvalidResourceReference (absent, other type, other region). nullopt when `ref` is null/absent.
std::optional<StoredResource> resolve_reference(store::Connection& c, const nlohmann::json& ref, const std::string& full_type,
                                                const std::string& location, const std::string& by, const std::string& path);

}  // namespace azemu::arm
