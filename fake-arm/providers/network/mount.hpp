// Microsoft.Network's routes (Spec: network 2022-07-01 virtualNetwork.json, networkSecurityGroup.json,
// publicIpAddress.json, networkInterface.json: <Type>_Delete/_Get/_CreateOrUpdate/_UpdateTags/_ListAll/_List and
// the children Subnets_*, SecurityRules_*). Literal segments beat the catch-all provider routes.
#pragma once

#include "fake-arm/core/arm_routes.hpp"
#include "fake-arm/providers/network/network_provider.hpp"

namespace azemu::arm {

void mount_network_routes(ArmRoutes& r, NetworkProvider& network);

}  // namespace azemu::arm
