// Microsoft.Compute/virtualMachines as data (Spec: compute 2022-11-01 virtualMachine.json
// VirtualMachine). The VM's properties stay JSON on purpose: clients PUT back the whole model they
// read (az's set_vm, the SDKs' update), and every property azemu does not interpret
// (diagnosticsProfile, securityProfile, ...) must survive that round trip unchanged. The parts
// azemu owns (sizes, disks, NICs, osProfile defaults, vmId, provisioningState) are normalised by
// vm_build.cpp; typed accessors below read them.
#pragma once

#include "fake-arm/core/resource_id.hpp"
#include "fake-arm/core/resource_store.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace azemu::arm::compute {

struct VirtualMachine {
  ResourceId id;
  std::string location;
  nlohmann::json tags = nlohmann::json::object();
  nlohmann::json extras = nlohmann::json::object();      // zones, plan, identity, extendedLocation: as given
  nlohmann::json properties = nlohmann::json::object();  // as served; never adminPassword or instanceView

  std::string vm_id() const;                 // properties.vmId
  std::string provisioning_state() const;    // properties.provisioningState
  std::string size() const;                  // hardwareProfile.vmSize
  const nlohmann::json& os_disk() const;     // storageProfile.osDisk (object)
  const nlohmann::json& data_disks() const;  // storageProfile.dataDisks (array)
  const nlohmann::json& nics() const;        // networkProfile.networkInterfaces (array)
};

/// The GET body without instanceView and resources[] (the stored arm_resources body).
nlohmann::json to_json(const VirtualMachine& vm);
VirtualMachine vm_from_body(const ResourceId& id, const nlohmann::json& body);
StoredResource to_stored(const VirtualMachine& vm, std::int64_t now);

/// Top-level members a VM body may carry besides id/name/type/location/tags/properties.
inline constexpr const char* kVmExtraMembers[] = {"zones", "plan", "identity", "extendedLocation"};

}  // namespace azemu::arm::compute
