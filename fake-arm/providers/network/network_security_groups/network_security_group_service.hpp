// Microsoft.Network/networkSecurityGroups with their securityRules (embedded; also served at
// .../securityRules/{name} through common/child_network_service.hpp) and the six
// defaultSecurityRules Azure adds to every group. Rules: priority 100-4096
// (SecurityRuleInvalidPriority), one rule per priority and direction (SecurityRuleConflict),
// protocol/access/direction from Azure's enums (any case in, Azure's casing out). A group named by
// a NIC or subnet cannot be deleted (InUseNetworkSecurityGroupCannotBeDeleted); the served body
// lists those users as networkInterfaces/subnets (computed, never stored).
#pragma once

#include "fake-arm/providers/network/common/network_references.hpp"
#include "fake-arm/providers/network/common/network_service.hpp"

namespace azemu::arm {

/// Azure's default rules of a group (AllowVnetInBound ... DenyAllOutBound), ids under `nsg_id`.
nlohmann::json default_security_rules(const std::string& nsg_id, const std::string& etag);

class NetworkSecurityGroupService : public TopLevelNetworkService {
public:
  explicit NetworkSecurityGroupService(const NetworkDeps& deps) : TopLevelNetworkService(deps, "networkSecurityGroups") {}

protected:
  nlohmann::json prepare(PutContext& ctx) const override;
  void check_delete(store::Connection& c, const StoredResource& r) const override;
  nlohmann::json present(store::Connection& c, nlohmann::json stored) const override;
};

}  // namespace azemu::arm
