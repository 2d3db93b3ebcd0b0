// A reply that may still become final: the handler answered a long-running operation's first response
// (201/202 + polling headers) while the work was running, and that work often ends within a moment. The
// connection (server.cpp) then waits up to `bound` for the work's end, on an io timer a wake-up cancels (never
// a sleep, never a blocking-pool thread), and sends what `finish` builds instead: the completed operation's
// answer, so the client skips its polling, or the first reply unchanged. Services build these
// (fake-arm/core/operation_settle.hpp); only the connection runs them.
#pragma once

#include "emulator/http/reply.hpp"

#include <chrono>
#include <functional>

namespace azemu::http {

struct Settle {
  std::chrono::milliseconds bound{0};
  /// Arranges for `wake` to be called once, from any thread, when the work ends (at once when it has).
  std::function<void(std::function<void()> wake)> subscribe;
  /// Runs on the blocking pool after the wake-up or the bound, given the first reply as the pipeline finished
  /// it (common headers included): the reply to send. Must not throw.
  std::function<Reply(Reply first)> finish;
};

}  // namespace azemu::http
