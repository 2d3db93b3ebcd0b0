// HTTP side of async operations: the polling headers a provider's handler adds to its 201/202,
// and the three polling routes (see async_operations.hpp for the lifecycle and URLs).
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/core/async_operations.hpp"
#include "fake-arm/core/operation_faults.hpp"
#include "fake-arm/resources/subscriptions/subscription_service.hpp"

namespace azemu::arm {

/// Absolute polling URLs for `op`, on the host the client used, with the request's api-version.
std::string operation_status_url(const http::Request& req, const AsyncOperation& op);
std::string operation_result_url(const http::Request& req, const AsyncOperation& op);

/// Adds `Azure-AsyncOperation` (when `with_async_header` and the operation has a location),
/// `Location` and `Retry-After: 1` (1 s: az otherwise waits 30 s between polls, az-wire §4.0).
http::Reply& with_polling_headers(http::Reply& reply, const http::Request& req, const AsyncOperation& op,
                                  bool with_async_header = true);

class AsyncOperationHandlers {
public:
  /// `faults`: injected failLro plans, consulted on every poll (nullptr: none).
  AsyncOperationHandlers(store::Database& db, const AsyncOperations& ops, const SubscriptionService& subs,
                         OperationFaults* faults = nullptr)
      : db_(db), ops_(ops), subs_(subs), faults_(faults) {}

  /// GET /subscriptions/{s}/providers/{ns}/locations/{loc}/operations/{id}: the status resource.
  http::Reply status(http::Request& req);
  /// GET .../operationResults/{id} and /subscriptions/{s}/operationresults/{id}:
  /// 202 + polling headers while InProgress; 200 with the result (or 204 without one) when
  /// Succeeded; the stored error when Failed/Canceled.
  http::Reply result(http::Request& req);

private:
  AsyncOperation load(http::Request& req) const;
  store::Database& db_;
  const AsyncOperations& ops_;
  const SubscriptionService& subs_;
  OperationFaults* faults_;
};

}  // namespace azemu::arm
