// The in-memory side of long-running operations: who waits for an operation's end, and how long
// operations of each kind take. Two readers:
//   - a first reply that may still turn final (operation_settle.hpp) subscribes to the end with on_end();
//   - the polling routes (async_operation_handlers.hpp) ask poll_delay() when the next poll is worth making,
//     so a client polls when the work is expected to be done instead of a fixed second later.
// AsyncOperations reports started() and ended() after the commit that makes each visible, so whoever is
// woken reads the committed row. Nothing here is durable: after a restart the pace is learned again.
#pragma once

#include "emulator/exec/clock.hpp"

#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace azemu::arm {

class OperationEvents {
public:
  using Wake = std::function<void()>;
  explicit OperationEvents(const exec::Clock& clock) : clock_(clock) {}

  /// Calls `wake` once when operation `id` ends: later, on the thread that ends it, or at once when it
  /// ended recently. An operation that never ends (the process stops first) never calls it.
  void on_end(const std::string& id, Wake wake);

  void started(const std::string& id, const std::string& kind);
  void ended(const std::string& id);

  /// How long until the work of operation `id` is expected to be done: the last durations of its kind
  /// minus the time it has run. nullopt when unknown (no finished operation of that kind yet, an
  /// operation started before this process, or one running far past its kind's usual time).
  std::optional<std::chrono::milliseconds> expected_remaining(const std::string& id) const;

private:
  struct Running {
    std::string kind;
    exec::Clock::time_point started;
  };
  void remember_ended(const std::string& id);
  const exec::Clock& clock_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::vector<Wake>> waiting_;
  std::unordered_map<std::string, Running> running_;
  std::map<std::string, std::deque<std::chrono::milliseconds>> durations_;  // by kind, the last few
  // Ends already reported, so an on_end() that comes just after the end still wakes at once.
  std::deque<std::string> ended_order_;
  std::unordered_set<std::string> ended_;
};

}  // namespace azemu::arm
