// Injected LRO failures (issue 14 `failLro`): the fault rules (emulator/http/fault_rules.hpp) decide
// *which* ARM operation fails; fake-arm (fake-arm/core/operation_faults.hpp) owns *how*: the
// operation's status turns Failed with the rule's code and message after N polls, and the resource
// it acted on gets provisioningState Failed, as Azure shows a failed create.
// Two directions, wired in app/services.cpp:
//   pipeline → LroFaultPlans::fail_after_polls(op id)   a PUT/POST/DELETE answered with polling headers
//   fake-arm → LroFaultMatcher(arm operation, caller)   a resource a deployment creates (no request of its own)
#pragma once

#include "emulator/auth/principal.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace azemu::ports {

struct LroFailure {
  std::string rule_id;  // "f3", for logs
  std::string code;     // Azure error code the operation ends with ("OSProvisioningTimedOut")
  std::string message;
  int after_polls = 1;  // the status turns Failed on this poll of the operation URL (1 = the first)
};

class LroFaultPlans {
public:
  virtual ~LroFaultPlans() = default;
  /// Makes operation `operation_id` (the GUID in its polling URLs) end as `failure` says.
  virtual void fail_after_polls(const std::string& operation_id, const LroFailure& failure) = 0;
};

/// `arm_operation` is the RBAC operation name ("Microsoft.Compute/virtualMachines/write"). Returns the
/// failure of the first matching failLro rule (counted as a hit), or nullopt.
using LroFaultMatcher =
    std::function<std::optional<LroFailure>(std::string_view arm_operation, const auth::Principal& caller)>;

}  // namespace azemu::ports
