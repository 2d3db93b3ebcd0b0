#include "vm-sim/uml/control_channel.hpp"

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

ControlChannel::ControlChannel(int fd) : fd_(fd) { fcntl(fd_, F_SETFL, fcntl(fd_, F_GETFL) | O_NONBLOCK); }

ControlChannel::~ControlChannel() {
  if (fd_ >= 0) close(fd_);
}

void ControlChannel::note_event(const json& event) {
  const std::string name = event.value("event", std::string());
  if (name == "ready") {
    seen_.ready = true;
    seen_.version = event.value("version", std::string());
    seen_.boot_id = event.value("boot_id", std::string());
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
      if ((*message)["event"] == "ready" && seen_.boot_id != previous_boot_id) return true;
      if ((*message)["event"] == "ready") seen_.ready = false;  // a stale line from the old boot
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
      throw std::runtime_error("the guest agent restarted while handling '" + req.value("op", std::string()) +
                               "' and the request was lost (did the agent crash? see the VM's console.log)");
    if (!message) throw std::runtime_error("the guest agent did not answer '" + req.value("op", std::string()) + "' in time");
    if (message->contains("event")) {
      note_event(*message);
      // A "ready" now means busybox init respawned the agent: it flushes its input at start, so a
      // request written before that is gone. It may also have been written just after: wait a
      // little for an answer, then fail with the reason instead of waiting out the whole deadline.
      if ((*message)["event"] == "ready" && !restarted) {
        restarted = true;
        deadline = std::min(deadline, Clock::now() + kAnswerAfterRestart);
      }
      continue;
    }
    if (message->value("id", std::int64_t{-1}) != id) continue;  // an answer to a request that timed out
    if (!message->value("ok", false))
      throw std::runtime_error("guest agent: " + message->value("error", std::string("request failed")));
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
