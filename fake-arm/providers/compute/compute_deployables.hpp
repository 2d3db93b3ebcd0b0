// DeployableType adapters (core/resource_types.hpp) for Microsoft.Compute/virtualMachines,
// virtualMachines/extensions and disks: template deployments create these through the same service
// calls as the REST routes, with the runtime work run on the deployment's own thread (Run::here),
// so put() returns once the resource is provisioned — or throws the operation's error.
#pragma once

#include "emulator/store/database.hpp"
#include "fake-arm/core/async_operations.hpp"
#include "fake-arm/core/resource_types.hpp"
#include "fake-arm/providers/compute/disks/disk_service.hpp"
#include "fake-arm/providers/compute/extensions/extension_service.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_service.hpp"

namespace azemu::arm::compute {

class VmDeployable final : public DeployableType {
public:
  VmDeployable(store::Database& db, const AsyncOperations& ops, const VirtualMachineService& vms)
      : db_(db), ops_(ops), vms_(vms) {}
  nlohmann::json put(const auth::Principal& caller, const ResourceId& id, const nlohmann::json& body,
                     const std::string& api_version) const override;
  std::optional<nlohmann::json> get(const auth::Principal& caller, const ResourceId& id) const override;
  bool remove(const auth::Principal& caller, const ResourceId& id) const override;

private:
  store::Database& db_;
  const AsyncOperations& ops_;
  const VirtualMachineService& vms_;
};

class ExtensionDeployable final : public DeployableType {
public:
  ExtensionDeployable(store::Database& db, const AsyncOperations& ops, const ExtensionService& exts)
      : db_(db), ops_(ops), exts_(exts) {}
  nlohmann::json put(const auth::Principal& caller, const ResourceId& id, const nlohmann::json& body,
                     const std::string& api_version) const override;
  std::optional<nlohmann::json> get(const auth::Principal& caller, const ResourceId& id) const override;
  bool remove(const auth::Principal& caller, const ResourceId& id) const override;

private:
  store::Database& db_;
  const AsyncOperations& ops_;
  const ExtensionService& exts_;
};

class DiskDeployable final : public DeployableType {
public:
  explicit DiskDeployable(const DiskService& disks) : disks_(disks) {}
  nlohmann::json put(const auth::Principal& caller, const ResourceId& id, const nlohmann::json& body,
                     const std::string& api_version) const override;
  std::optional<nlohmann::json> get(const auth::Principal& caller, const ResourceId& id) const override;
  bool remove(const auth::Principal& caller, const ResourceId& id) const override;

private:
  const DiskService& disks_;
};

}  // namespace azemu::arm::compute
