// A long-running operation's first reply, made final when the work ends within a moment. ARM's handlers
// answer every PUT/PATCH/POST that starts work with 201/202 and polling headers at once (the event loop
// never waits); many of those operations (an extension delivered, a disk attached, a guest command, anything
// recorded as already Succeeded) end a few milliseconds later, yet each costs a client its poll cycle: az
// polls, then checks its poller every 0.5 s (azure-cli LongRunningOperation.poller_done_interval_ms).
// attach() gives such a reply an http::Settle: the connection waits up to `bound` for the operation's end
// (OperationEvents) and then sends the answer Azure sends for work that completed synchronously (the ARM RPC
// lets a provider finish inside the request), or the first reply unchanged:
//   PUT/PATCH  the same status (200/201), no polling headers, the final resource body (the operation's
//              result, else the first body), only when its properties.provisioningState is Succeeded:
//              azure-core's BodyContentPolling.set_initial_status and core-lro's Body mode read it as done
//   POST       200, no polling headers, the operation's result as the body (empty without one): every
//              action's generated client accepts 200 (`_restart_initial`, `_run_command_initial`: [200, 202])
//              and reads it as done (StatusCheckPolling; core-lro: no polling URL, status < 300)
//   DELETE     unchanged: the generated clients disagree on the synchronous status (resource groups accept
//              200/202, deployments 202/204), so a delete keeps its 202 and is polled
// A failed or canceled operation keeps the first reply too: its error reaches the client through polling,
// in the words clients already show. A failLro fault rule drops the settle (emulator/http/pipeline.cpp).
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/core/async_operations.hpp"
#include "fake-arm/core/operation_events.hpp"

#include <chrono>
#include <optional>
#include <string_view>

namespace azemu::arm {

/// The completed operation's answer to `method` in place of `first`, or nullopt to keep `first` (rules above).
std::optional<http::Reply> settled_reply(const http::Reply& first, std::string_view method, const AsyncOperation& op);

class OperationSettle {
public:
  /// `bound`: how long a first reply may wait for its work; 0 turns settling off.
  OperationSettle(store::Database& db, const AsyncOperations& ops, OperationEvents& events,
                  std::chrono::milliseconds bound)
      : db_(db), ops_(ops), events_(events), bound_(bound) {}

  /// Called on every ARM route's reply (ArmRoutes::to): attaches an http::Settle when `reply` is the first
  /// reply of a PUT/PATCH/POST that started an operation (status < 300 and a polling URL).
  void attach(http::Reply& reply, const http::Request& req) const;

private:
  store::Database& db_;
  const AsyncOperations& ops_;
  OperationEvents& events_;
  std::chrono::milliseconds bound_;
};

}  // namespace azemu::arm
