// The host end of the agent's serial line: a socketpair end whose twin the hypervisor maps to the
// guest's /dev/ttyS1 (UML `ssl1=fd:3`, a QEMU serial chardev). JSON lines, protocol in vm-sim/agent/agent_protocol.hpp. Not thread-safe: the
// runtime serialises requests per VM and lets readers peek at what was last observed.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace azemu::vm {

/// What the agent last said about itself (from ready / heartbeat events and replies).
struct AgentSeen {
  bool ready = false;
  std::string version;
  std::string boot_id;
  std::int64_t last_heartbeat = 0;  // unix seconds
};

class ControlChannel {
public:
  using Clock = std::chrono::steady_clock;

  explicit ControlChannel(int fd);  // takes ownership
  ~ControlChannel();
  ControlChannel(const ControlChannel&) = delete;
  ControlChannel& operator=(const ControlChannel&) = delete;

  /// Waits for a "ready" event whose boot_id differs from `previous_boot_id` (so a reboot is
  /// told apart from the boot before it). Returns false on the deadline, or when `exit_fd` (the
  /// UML pidfd) becomes readable first: the guest died while booting.
  bool wait_ready(Clock::time_point deadline, int exit_fd, const std::string& previous_boot_id = {});

  /// How long a request still waits for its answer once the agent announced a restart meanwhile.
  static constexpr std::chrono::milliseconds kAnswerAfterRestart{2000};

  /// Sends `request` (an "id" is added) and returns the matching reply; events met meanwhile
  /// update seen(). Throws std::runtime_error on timeout, a closed line, {"ok":false}, or when the
  /// agent restarted (a "ready" event) and gave no answer within kAnswerAfterRestart.
  nlohmann::json request(nlohmann::json request, Clock::time_point deadline);

  /// Reads whatever the agent sent since (heartbeats), without waiting.
  void drain();

  const AgentSeen& seen() const { return seen_; }
  void mark_not_ready() { seen_.ready = false; }

private:
  /// Next complete line as JSON; nullopt on the deadline or when `exit_fd` turns readable.
  /// Throws when the line closed.
  std::optional<nlohmann::json> read_message(Clock::time_point deadline, int exit_fd = -1);
  void note_event(const nlohmann::json& event);

  int fd_;
  std::string buffer_;
  std::int64_t next_id_ = 1;
  AgentSeen seen_;
};

}  // namespace azemu::vm
