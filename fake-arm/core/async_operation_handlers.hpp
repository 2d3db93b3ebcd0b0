// HTTP side of async operations: the polling headers a provider's handler adds to its 201/202,
// and the three polling routes (see async_operations.hpp for the lifecycle and URLs).
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/core/async_operations.hpp"
#include "fake-arm/core/operation_events.hpp"
#include "fake-arm/core/operation_faults.hpp"
#include "fake-arm/resources/subscriptions/subscription_service.hpp"

#include <chrono>
#include <optional>

namespace azemu::arm {

/// Absolute polling URLs for `op`, on the host the client used, with the request's api-version.
std::string operation_status_url(const http::Request& req, const AsyncOperation& op);
std::string operation_result_url(const http::Request& req, const AsyncOperation& op);

/// Adds `Azure-AsyncOperation` (when `with_async_header` and the operation has a location),
/// `Location` and `Retry-After: 1` (1 s: az otherwise waits 30 s between polls, az-wire §4.0). Clients
/// poll the first time at once whatever it says (azure-core's LROBasePolling._poll, core-lro).
http::Reply& with_polling_headers(http::Reply& reply, const http::Request& req, const AsyncOperation& op,
                                  bool with_async_header = true);

/// When to poll next, on a reply that says InProgress, from the work's expected remaining time
/// (OperationEvents::expected_remaining):
///   unknown          → Retry-After: 1 (as every reply did before the pace was learned)
///   one second on    → Retry-After: whole seconds, rounded down (the next poll lands just before the end)
///   under a second   → x-ms-retry-after-ms only, the time left (at least 100 ms; 250 ms once overdue)
/// Why the header choice: azure-core reads `retry-after` first and only without it `retry-after-ms` /
/// `x-ms-retry-after-ms` (azure/core/pipeline/policies/_utils.py get_retry_after, 1.26.3 in az 2.45 and
/// 1.35.0 in az 2.74); 1.26.3 parses Retry-After with int(), so "0.4" would raise, and a 0 makes
/// LROBasePolling._extract_delay fall back to its 30 s default. Azure services send x-ms-retry-after-ms
/// too. The JS SDK's core-lro reads Retry-After only and keeps its own interval without one.
http::Reply& with_poll_delay(http::Reply& reply, std::optional<std::chrono::milliseconds> remaining);

class AsyncOperationHandlers {
public:
  /// `faults`: injected failLro plans, consulted on every poll (nullptr: none). `events`: the pace of
  /// each kind of operation, for the next poll's delay (nullptr: Retry-After: 1).
  AsyncOperationHandlers(store::Database& db, const AsyncOperations& ops, const SubscriptionService& subs,
                         OperationFaults* faults = nullptr, const OperationEvents* events = nullptr)
      : db_(db), ops_(ops), subs_(subs), faults_(faults), events_(events) {}

  /// GET /subscriptions/{s}/providers/{ns}/locations/{loc}/operations/{id}: the status resource, with
  /// with_poll_delay() while InProgress.
  http::Reply status(http::Request& req);
  /// GET .../operationResults/{id} and /subscriptions/{s}/operationresults/{id}:
  /// 202 + polling headers (with_poll_delay()) while InProgress; 200 with the result (or 204 without one) when
  /// Succeeded; the stored error when Failed/Canceled.
  http::Reply result(http::Request& req);

private:
  AsyncOperation load(http::Request& req) const;
  std::optional<std::chrono::milliseconds> remaining(const AsyncOperation& op) const;
  store::Database& db_;
  const AsyncOperations& ops_;
  const SubscriptionService& subs_;
  OperationFaults* faults_;
  const OperationEvents* events_;
};

}  // namespace azemu::arm
