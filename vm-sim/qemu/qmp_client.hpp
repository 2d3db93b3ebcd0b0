// The host end of QEMU's QMP monitor (JSON over a socketpair QEMU inherits as `-chardev socket,fd=N`):
// greeting and capabilities negotiation, commands with an "id" matched to their reply, and events
// (DEVICE_DELETED after a hot-unplug) kept until someone waits for them. Not thread-safe: the
// runtime serialises use per VM.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <deque>
#include <optional>
#include <string>

namespace azemu::vm {

class QmpClient {
public:
  using Clock = std::chrono::steady_clock;

  explicit QmpClient(int fd);  // takes ownership
  ~QmpClient();
  QmpClient(const QmpClient&) = delete;
  QmpClient& operator=(const QmpClient&) = delete;

  /// Reads the greeting and sends qmp_capabilities. Throws std::runtime_error on timeout.
  void negotiate(Clock::time_point deadline);

  /// Runs `command` with `arguments`; returns its "return" member. Throws std::runtime_error with
  /// QEMU's error description, on timeout, or when QEMU closed the monitor (it exited).
  nlohmann::json execute(const std::string& command, const nlohmann::json& arguments, Clock::time_point deadline);

  /// Waits for event `name` whose data.device equals `device` (or any, when empty).
  bool wait_event(const std::string& name, const std::string& device, Clock::time_point deadline);

private:
  std::optional<nlohmann::json> read_message(Clock::time_point deadline);
  void send(const nlohmann::json& message);

  int fd_;
  std::string buffer_;
  std::int64_t next_id_ = 1;
  std::deque<nlohmann::json> events_;
};

}  // namespace azemu::vm
