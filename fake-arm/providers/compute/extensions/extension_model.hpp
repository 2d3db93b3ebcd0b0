// Microsoft.Compute/virtualMachines/extensions as data (Spec: compute 2022-11-01
// virtualMachine.json VirtualMachineExtension). properties stay JSON for the same round-trip reason
// as the VM's; protectedSettings never enter them (they live in arm_compute_extension_state).
// The instance view is not stored: it is built on every read from the runtime's ExtensionReport.
#pragma once

#include "emulator/ports/vm_runtime.hpp"
#include "fake-arm/core/resource_id.hpp"
#include "fake-arm/core/resource_store.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace azemu::arm::compute {

struct Extension {
  ResourceId id;  // .../virtualMachines/{vm}/extensions/{name}
  std::string location;
  nlohmann::json tags;  // null when never given (CRP omits it then)
  nlohmann::json properties = nlohmann::json::object();

  std::string publisher() const;
  std::string type() const;
  std::string handler_version() const;
  std::string provisioning_state() const;
  /// "<publisher>.<type>", the instance view's type.
  std::string full_type() const { return publisher() + "." + type(); }
};

/// The GET body without instanceView (also the stored body and the VM's resources[] entry).
nlohmann::json to_json(const Extension& e);
Extension extension_from_body(const ResourceId& id, const nlohmann::json& body);
StoredResource to_stored(const Extension& e, std::int64_t now);

/// VirtualMachineExtensionInstanceView from the handler's last report (research/ade.md §1.5):
/// status → ProvisioningState/<succeeded|failed|transitioning>, message verbatim (ADE puts the BEK
/// secret URL there), each substatus → ComponentStatus/<name>/<status> with its message verbatim.
nlohmann::json extension_instance_view(const Extension& e, const std::optional<ports::ExtensionReport>& report);

}  // namespace azemu::arm::compute
