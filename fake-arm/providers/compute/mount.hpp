// Microsoft.Compute's routes: the read-only catalogs (Spec: compute 2022-11-01 VirtualMachineImages_*,
// VirtualMachineExtensionImages_*, VirtualMachineSizes_*, ResourceSkus_*) with az's VM image alias document, and
// the resources (Spec: virtualMachine.json VirtualMachines_*, VirtualMachineExtensions_*; DiskRP 2022-07-02
// disk.json Disks_*). A new Compute route is a line here.
#pragma once

#include "fake-arm/core/arm_routes.hpp"
#include "fake-arm/providers/compute/compute_provider.hpp"

namespace azemu::arm::compute {

/// The catalogs and the alias document (registered before Microsoft.Network, as the golden table lists them).
void mount_catalog_routes(ArmRoutes& r, ComputeProvider& compute);
/// VMs, extensions and disks.
void mount_routes(ArmRoutes& r, ComputeProvider& compute);

}  // namespace azemu::arm::compute
