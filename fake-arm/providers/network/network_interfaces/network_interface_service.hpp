// Microsoft.Network/networkInterfaces. Each IP configuration references an existing subnet in the
// NIC's region (InvalidResourceReference otherwise) and gets a private address inside the subnet
// prefix: Dynamic takes the lowest free host after Azure's reserved .0-.3 (and never the broadcast
// address), kept across updates while the subnet stays; Static is validated (PrivateIPAddressNotInSubnet,
// PrivateIPAddressIsReserved, PrivateIPAddressInUse). A public IP may serve one IP configuration only
// (PublicIPAddressInUse). The first configuration is primary unless one says so. macAddress is
// "00-0D-3A-xx-xx-xx" (Azure's OUI), fixed at create.
// properties.virtualMachine is written by the Compute provider straight into the stored body when a
// VM takes the NIC: a PUT keeps it (clients never send it), and a NIC that has one is NicInUse on delete.
#pragma once

#include "fake-arm/providers/network/common/network_references.hpp"
#include "fake-arm/providers/network/common/network_service.hpp"

namespace azemu::arm {

class NetworkInterfaceService : public TopLevelNetworkService {
public:
  explicit NetworkInterfaceService(const NetworkDeps& deps) : TopLevelNetworkService(deps, "networkInterfaces") {}

protected:
  nlohmann::json prepare(PutContext& ctx) const override;
  void check_delete(store::Connection& c, const StoredResource& r) const override;
};

}  // namespace azemu::arm
