// Injected guest failures (issue 14 `guestFailure`): the fault rules (emulator/http/fault_rules.hpp)
// decide *which* VM's guest misbehaves; fake-arm's Compute (providers/compute/runtime/
// fault_injecting_runtime.hpp) owns *how*, as Azure shows it:
//   boot       the guest does not come up: the VM create/start/restart operation fails with the
//              rule's code (default OSProvisioningTimedOut) and the VM is left stopped
//   extension  the extension handler reports an error: the extension's operation fails with
//              VMExtensionProvisioningError and the rule's message, the instance view shows it
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace azemu::ports {

enum class GuestEvent { boot, extension };

struct GuestFault {
  std::string rule_id;  // "f3", for logs
  std::string code;     // boot: the operation's error code
  std::string message;
};

/// `resource_id` is the VM's ARM id; `extension_type` the extension's type for GuestEvent::extension
/// ("AzureDiskEncryptionForLinux"), else "". Returns the first matching rule's fault (counted as a
/// hit), or nullopt.
using GuestFaultMatcher =
    std::function<std::optional<GuestFault>(GuestEvent event, std::string_view resource_id, std::string_view extension_type)>;

/// Thrown by a VM runtime for a failure Azure names with an error code of its own.
struct GuestFailure : std::runtime_error {
  GuestFailure(std::string c, const std::string& message) : std::runtime_error(message), code(std::move(c)) {}
  std::string code;
};

}  // namespace azemu::ports
