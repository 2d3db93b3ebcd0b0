// The host end of the agent line: JSON-line framing over the socketpair, request/answer matching
// by id, and the ready/heartbeat events (protocol in vm-sim/agent/agent_protocol.hpp). What the
// guest writes is untrusted input: only std::runtime_error leaves this file.
#include "vm-sim/machine/control_channel.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace azemu::vm {

using nlohmann::json;

namespace {
// The guest writes these lines, so every member is read with its type checked: a mistyped member
// is treated as absent (fuzz_control_channel: {"event":1} made value() throw json type_error).
std::string string_member(const json& m, const char* name, const std::string& absent = {}) {
  auto it = m.find(name);
  return it != m.end() && it->is_string() ? it->get<std::string>() : absent;
}
bool is_event(const json& m, const char* name) { return m.contains("event") && string_member(m, "event") == name; }
}  // namespace

ControlChannel::ControlChannel(int fd) : fd_(fd) { fcntl(fd_, F_SETFL, fcntl(fd_, F_GETFL) | O_NONBLOCK); }

ControlChannel::~ControlChannel() {
  if (fd_ >= 0) close(fd_);
}

void ControlChannel::note_event(const json& event) {
  const std::string name = string_member(event, "event");
  if (name == "ready") {
    seen_.ready = true;
    seen_.version = string_member(event, "version");
    seen_.boot_id = string_member(event, "boot_id");
    seen_.last_heartbeat = std::time(nullptr);
  } else if (name == "heartbeat") {
    seen_.last_heartbeat = std::time(nullptr);
  }
}

std::optional<json> ControlChannel::read_message(Clock::time_point deadline, int exit_fd) {
  for (;;) {
    for (std::size_t nl; (nl = buffer_.find('\n')) != std::string::npos;) {
      std::string line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      json message = json::parse(line, nullptr, false);
      if (message.is_object()) return message;
      // Anything else is line noise (the tty before the agent set raw mode): skipped.
    }
    int timeout = -1;
    if (deadline != Clock::time_point::max()) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      timeout = left > 0 ? static_cast<int>(left) : 0;  // 0: one last look, then the deadline answer
    }
    pollfd fds[2] = {{fd_, POLLIN, 0}, {exit_fd, POLLIN, 0}};
    int n = poll(fds, exit_fd >= 0 ? 2 : 1, timeout);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(std::string("agent channel poll failed: ") + std::strerror(errno));
    if (n == 0) return std::nullopt;
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      char buf[65536];
      ssize_t got = read(fd_, buf, sizeof buf);
      if (got > 0) {
        buffer_.append(buf, static_cast<std::size_t>(got));
        continue;
      }
      if (got == 0) throw std::runtime_error("the guest closed its agent channel");
      if (errno != EAGAIN && errno != EINTR)
        throw std::runtime_error(std::string("agent channel read failed: ") + std::strerror(errno));
    }
    if (exit_fd >= 0 && (fds[1].revents & POLLIN)) return std::nullopt;
  }
}

bool ControlChannel::wait_ready(Clock::time_point deadline, int exit_fd, const std::string& previous_boot_id) {
  for (;;) {
    auto message = read_message(deadline, exit_fd);
    if (!message) return false;  // deadline, or the guest process exited
    if (message->contains("event")) {
      note_event(*message);
      if (is_event(*message, "ready") && seen_.boot_id != previous_boot_id) return true;
      if (is_event(*message, "ready")) seen_.ready = false;  // a stale line from the old boot
    }
  }
}

json ControlChannel::request(json req, Clock::time_point deadline) {
  const std::int64_t id = next_id_++;
  req["id"] = id;
  const std::string line = req.dump() + "\n";
  std::size_t off = 0;
  while (off < line.size()) {
    ssize_t n = write(fd_, line.data() + off, line.size() - off);
    if (n > 0) {
      off += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) {
      pollfd p{fd_, POLLOUT, 0};
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0 || poll(&p, 1, static_cast<int>(left)) == 0)
        throw std::runtime_error("the guest agent did not accept a request in time");
      continue;
    }
    throw std::runtime_error(std::string("agent channel write failed: ") + std::strerror(errno));
  }
  bool restarted = false;
  for (;;) {
    auto message = read_message(deadline);
    if (!message && restarted)
      throw std::runtime_error("the guest agent restarted while handling '" + string_member(req, "op") +
                               "' and the request was lost (did the agent crash? see the VM's console.log)");
    if (!message) throw std::runtime_error("the guest agent did not answer '" + string_member(req, "op") + "' in time");
    if (message->contains("event")) {
      note_event(*message);
      // A "ready" now means busybox init respawned the agent: it flushes its input at start, so a
      // request written before that is gone. It may also have been written just after: wait a
      // little for an answer, then fail with the reason instead of waiting out the whole deadline.
      if (is_event(*message, "ready") && !restarted) {
        restarted = true;
        deadline = std::min(deadline, Clock::now() + kAnswerAfterRestart);
      }
      continue;
    }
    auto answer_id = message->find("id");
    if (answer_id == message->end() || !answer_id->is_number_integer() || answer_id->get<std::int64_t>() != id)
      continue;  // an answer to a request that timed out (or not an answer at all)
    auto ok = message->find("ok");
    if (ok == message->end() || !ok->is_boolean() || !ok->get<bool>())
      throw std::runtime_error("guest agent: " + string_member(*message, "error", "request failed"));
    seen_.last_heartbeat = std::time(nullptr);
    return *message;
  }
}

void ControlChannel::drain() {
  for (;;) {
    auto message = read_message(Clock::now());
    if (!message) return;
    if (message->contains("event")) note_event(*message);
  }
}

}  // namespace azemu::vm
