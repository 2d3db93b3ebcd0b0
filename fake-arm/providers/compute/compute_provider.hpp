// Microsoft.Compute (virtual machines, managed disks, VM extensions, the image and size catalogs) as one object
// for the ARM composition (fake-arm/mount.cpp): services, HTTP handlers and template-deployment adapters. Its
// routes are registered by providers/compute/mount.cpp.
#pragma once

#include "fake-arm/core/resource_types.hpp"
#include "fake-arm/providers/compute/catalog/catalog_handlers.hpp"
#include "fake-arm/providers/compute/catalog/catalog_service.hpp"
#include "fake-arm/providers/compute/compute_common.hpp"
#include "fake-arm/providers/compute/compute_deployables.hpp"
#include "fake-arm/providers/compute/disks/disk_handlers.hpp"
#include "fake-arm/providers/compute/extensions/extension_handlers.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_handlers.hpp"

namespace azemu::arm::compute {

struct ComputeDeps {
  store::Database& db;
  const exec::Clock& clock;
  exec::Jobs& jobs;
  ports::VmRuntime& runtime;
  ports::PlatformKeyVault& platform_kv;
  const SubscriptionService& subscriptions;
  const ProviderService& providers;
  const AsyncOperations& operations;
  const Authorizer& authorizer;
  const store::Envelope& sealing;  // extension protectedSettings at rest
};

struct ComputeProvider {
  explicit ComputeProvider(const ComputeDeps& d)
      : disks(d.db, d.clock, d.subscriptions, d.providers, d.authorizer, d.jobs, d.runtime),
        vms(d.db, d.clock, d.subscriptions, d.providers, d.operations, d.authorizer, d.jobs, d.runtime, d.platform_kv,
            d.sealing),
        extensions(d.db, d.clock, d.subscriptions, d.operations, d.authorizer, d.jobs, d.runtime, vms, d.sealing),
        catalog(d.subscriptions, d.authorizer),
        disks_h(disks), vms_h(vms), extensions_h(extensions), catalog_h(catalog),
        vms_d(d.db, d.operations, vms), extensions_d(d.db, d.operations, extensions), disks_d(disks) {}

  /// Registers every type with the deployment engine.
  void register_types(ResourceTypes& types) const {
    types.add(kVmType, vms_d);
    types.add(kExtensionType, extensions_d);
    types.add(kDiskType, disks_d);
  }

  DiskService disks;
  VirtualMachineService vms;
  ExtensionService extensions;
  CatalogService catalog;  // read-only: images, extension types, sizes, resource SKUs

  DiskHandlers disks_h;
  VmHandlers vms_h;
  ExtensionHandlers extensions_h;
  CatalogHandlers catalog_h;

  VmDeployable vms_d;
  ExtensionDeployable extensions_d;
  DiskDeployable disks_d;
};

}  // namespace azemu::arm::compute
