// Long-running ARM operations, for every resource provider in fake-arm to reuse (resource group
// delete today; Key Vault, Compute, Network later). An operation is a row in arm_operations whose
// status the polling routes (async_operation_handlers.hpp) read.
//
//            start()                  succeed()
//   (none) ─────────► InProgress ───────────────► Succeeded
//                        │   │ fail()
//                        │   └──────────────────► Failed
//                        └─ cancel() ───────────► Canceled
//   record_succeeded(): (none) ─► Succeeded in one step, for work finished before the 202 is sent.
//   force_fail(): any ─► Failed, only for an injected fault (fault rule `failLro`).
//
// How a provider uses it (inside its service, in the same transaction as its own writes):
//   auto op = ops.start(conn, {sub, "Microsoft.Compute", "westus", "virtualMachineCreate", vm_id.str()});
//   ... later (worker, or synchronously) ops.succeed(conn, op.id, vm_body) / ops.fail(conn, op.id, code, msg)
// and its handler answers with_polling_headers(Reply::created(body), req, op) (Azure-AsyncOperation,
// Location, Retry-After: 1), which may still turn final when the work ends at once (operation_settle.hpp).
// Clients then poll (each InProgress answer says when to come back: with_poll_delay()):
//   GET /subscriptions/{s}/providers/{ns}/locations/{loc}/operations/{id}        → status resource
//   GET /subscriptions/{s}/providers/{ns}/locations/{loc}/operationResults/{id}  → 202 / final result
//   GET /subscriptions/{s}/operationresults/{id}   (operations started without a location)
#pragma once

#include "emulator/exec/clock.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/core/operation_events.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace azemu::arm {

enum class OperationStatus { in_progress, succeeded, failed, canceled };

/// "InProgress", "Succeeded", "Failed", "Canceled" (the wire names, written once).
const char* to_string(OperationStatus s);
std::optional<OperationStatus> operation_status_from(const std::string& s);

struct OperationStart {
  std::string subscription_id;
  std::string provider_namespace;  // "Microsoft.Compute"; appears in the polling URLs
  std::string location;            // "westus"; "" → the subscription-level operationresults URL
  std::string kind;                // free text for logs: "virtualMachineCreate"
  std::string resource_id;         // the resource the operation acts on ("" if none)
};

struct AsyncOperation {
  std::string id;  // GUID
  std::string subscription_id;
  std::string provider_namespace;
  std::string location;
  std::string kind;
  OperationStatus status = OperationStatus::in_progress;
  std::string resource_id;
  nlohmann::json result;  // served by the operationResults URL when done (null → 204 / empty 200)
  std::string error_code, error_message;
  nlohmann::json error_details;  // null, or the error's "details" array (a failed deployment's per-resource errors)
  double percent = 0;
  std::int64_t started_at = 0;
  std::optional<std::int64_t> ended_at;

  bool done() const { return status != OperationStatus::in_progress; }
};

class AsyncOperations {
public:
  /// `events`: told of every start and end once committed (nullptr: nobody listens, unit tests).
  explicit AsyncOperations(const exec::Clock& clock, OperationEvents* events = nullptr)
      : clock_(clock), events_(events) {}

  /// New InProgress operation (inside the caller's transaction).
  AsyncOperation start(store::Connection& c, const OperationStart& s) const;
  /// New operation that is already Succeeded (the work committed in this same transaction).
  AsyncOperation record_succeeded(store::Connection& c, const OperationStart& s,
                                  nlohmann::json result = nullptr) const;
  /// Terminal transitions; no effect on an operation that is already done (returns false).
  bool succeed(store::Connection& c, const std::string& id, nlohmann::json result = nullptr) const;
  bool fail(store::Connection& c, const std::string& id, const std::string& code, const std::string& message,
            const nlohmann::json& details = nullptr) const;
  bool cancel(store::Connection& c, const std::string& id) const;
  /// Failed from any state, even Succeeded: only for an injected failLro fault (core/operation_faults.hpp),
  /// which waits for the real work to end first. False when the operation does not exist.
  bool force_fail(store::Connection& c, const std::string& id, const std::string& code, const std::string& message) const;
  void set_progress(store::Connection& c, const std::string& id, double percent) const;

  /// The operation when it exists in `subscription_id` (ids are not shared across subscriptions).
  std::optional<AsyncOperation> get(store::Connection& c, const std::string& subscription_id,
                                    const std::string& id) const;

private:
  bool finish(store::Connection& c, const std::string& id, OperationStatus to, const nlohmann::json& result,
              const std::string& code, const std::string& message, const nlohmann::json& details = nullptr) const;
  void report_end(store::Connection& c, const std::string& id) const;
  const exec::Clock& clock_;
  OperationEvents* events_;
};

/// The status resource body: {"id","name","status","startTime","endTime"?,"percentComplete","error"?}.
nlohmann::json operation_status_json(const AsyncOperation& op);

}  // namespace azemu::arm
