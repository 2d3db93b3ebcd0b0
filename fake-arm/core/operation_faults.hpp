// Injected LRO failures (fault rule `failLro`, emulator/http/fault_rules.hpp; the contract is
// emulator/ports/lro_faults.hpp). An operation with a plan is reported InProgress to its pollers
// until both the plan's poll count is reached and the real work has ended; then the operation is
// made Failed with the rule's code and message and the resource it acted on gets provisioningState
// Failed — what a client sees when Azure fails a create. Waiting for the real work first means the
// work's own last write cannot turn the resource back to Succeeded.
//
// Resources created inside a template deployment have no request or polling URL of their own: the
// deployment engine asks for_deployment() before each resource PUT and, when a rule matches, fails
// that resource (after its work) with the rule's error, so the deployment fails with it as a detail
// (afterPolls does not apply there). Plans live in memory: a restart forgets them.
#pragma once

#include "emulator/ports/lro_faults.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/core/async_operations.hpp"
#include "fake-arm/core/resource_id.hpp"

#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace azemu::arm {

class OperationFaults final : public ports::LroFaultPlans {
public:
  /// `matcher` answers for deployments (empty: no rule ever matches there).
  OperationFaults(store::Database& db, const exec::Clock& clock, ports::LroFaultMatcher matcher = {})
      : db_(db), ops_(clock), clock_(clock), matcher_(std::move(matcher)) {}

  void fail_after_polls(const std::string& operation_id, const ports::LroFailure& failure) override;

  /// Called by the polling routes with the stored operation: counts this poll and returns the
  /// operation as the poller must see it (InProgress while the plan waits, Failed once it fired).
  AsyncOperation observe_poll(const AsyncOperation& op);

  /// For a resource a deployment PUTs: the injected failure for `arm_operation`, if a rule matches.
  std::optional<ports::LroFailure> for_deployment(std::string_view arm_operation, const auth::Principal& caller) const;

  /// Sets provisioningState Failed on the stored resource (no-op when it is gone). Inside `c`'s transaction.
  void fail_resource(store::Connection& c, const ResourceId& id) const;

  /// Plans not fired yet (for tests and logs).
  std::size_t pending() const;

private:
  struct Plan {
    ports::LroFailure failure;
    int polls = 0;
  };
  store::Database& db_;
  const AsyncOperations ops_;
  const exec::Clock& clock_;
  ports::LroFaultMatcher matcher_;
  mutable std::mutex mutex_;
  std::map<std::string, Plan> plans_;  // by lower-case operation id
};

}  // namespace azemu::arm
