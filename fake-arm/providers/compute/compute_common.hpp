// Facts every Microsoft.Compute folder shares: the type names, the VM power states (the instance
// view's PowerState/*), and the instance-view status object. Wire names are written here once.
//
// VM power state machine (stored in arm_compute_vm_state; the runtime call runs in a job between
// the two halves of each transition — see virtual_machines/vm_power.cpp):
//
//   create ─► starting ──(runtime.create ok)──► running ◄──(runtime.start ok)── starting ◄─ start
//                                                 │  ▲ restart/redeploy (stays running)
//                          powerOff ─► stopping ──┴──┼──(runtime.stop ok)──► stopped
//                      deallocate ─► deallocating ───┴─(runtime.deallocate)─► deallocated
//   A failed runtime call leaves the state it started from and fails the operation.
#pragma once

#include "emulator/exec/clock.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace azemu::arm::compute {

inline constexpr const char* kNamespace = "Microsoft.Compute";
inline constexpr const char* kVmType = "Microsoft.Compute/virtualMachines";
inline constexpr const char* kDiskType = "Microsoft.Compute/disks";
inline constexpr const char* kExtensionType = "Microsoft.Compute/virtualMachines/extensions";
inline constexpr const char* kNicType = "Microsoft.Network/networkInterfaces";

enum class PowerState { starting, running, stopping, stopped, deallocating, deallocated };

/// "running", "stopped", ... (the part after "PowerState/").
inline const char* to_string(PowerState p) {
  switch (p) {
    case PowerState::starting: return "starting";
    case PowerState::running: return "running";
    case PowerState::stopping: return "stopping";
    case PowerState::stopped: return "stopped";
    case PowerState::deallocating: return "deallocating";
    case PowerState::deallocated: return "deallocated";
  }
  return "running";
}
inline std::optional<PowerState> power_state_from(const std::string& s) {
  for (auto p : {PowerState::starting, PowerState::running, PowerState::stopping, PowerState::stopped,
                 PowerState::deallocating, PowerState::deallocated})
    if (s == to_string(p)) return p;
  return std::nullopt;
}
/// Spec: virtualMachine.json InstanceViewStatus; az prints displayStatus as "powerState".
inline std::string power_display(PowerState p) { return std::string("VM ") + to_string(p); }

/// One InstanceViewStatus {code, level, displayStatus[, message][, time]}; `code` is never null
/// (az's get_vm_details reads every status's code).
inline nlohmann::json instance_status(const std::string& code, const std::string& level, const std::string& display,
                                      const std::string& message = "", std::int64_t time = 0) {
  nlohmann::json j = {{"code", code}, {"level", level}, {"displayStatus", display}};
  if (!message.empty()) j["message"] = message;
  if (time) j["time"] = exec::iso8601(time);
  return j;
}

/// "ProvisioningState/succeeded" etc. for a stored provisioningState ("Succeeded", "Creating", ...).
inline nlohmann::json provisioning_status(const std::string& state, std::int64_t time, const std::string& message = "") {
  std::string lower;
  for (char c : state) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "succeeded") return instance_status("ProvisioningState/succeeded", "Info", "Provisioning succeeded", message, time);
  if (lower == "failed") return instance_status("ProvisioningState/failed", "Error", "Provisioning failed", message, time);
  std::string display = state;
  return instance_status("ProvisioningState/" + lower, "Info", display, message, time);
}

}  // namespace azemu::arm::compute
