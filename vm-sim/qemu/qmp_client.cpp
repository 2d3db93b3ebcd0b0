#include "vm-sim/qemu/qmp_client.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <unistd.h>

namespace azemu::vm {

using nlohmann::json;

QmpClient::QmpClient(int fd) : fd_(fd) { fcntl(fd_, F_SETFL, fcntl(fd_, F_GETFL) | O_NONBLOCK); }

QmpClient::~QmpClient() {
  if (fd_ >= 0) close(fd_);
}

std::optional<json> QmpClient::read_message(Clock::time_point deadline) {
  for (;;) {
    for (std::size_t nl; (nl = buffer_.find('\n')) != std::string::npos;) {
      json message = json::parse(buffer_.substr(0, nl), nullptr, false);
      buffer_.erase(0, nl + 1);
      if (message.is_object()) return message;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    pollfd p{fd_, POLLIN, 0};
    int n = poll(&p, 1, left > 0 ? static_cast<int>(left) : 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;
    char buf[16384];
    ssize_t got = read(fd_, buf, sizeof buf);
    if (got > 0) {
      buffer_.append(buf, static_cast<std::size_t>(got));
      continue;
    }
    if (got == 0) throw std::runtime_error("QEMU closed its monitor (it exited)");
    if (errno != EAGAIN && errno != EINTR) throw std::runtime_error(std::string("QMP read failed: ") + std::strerror(errno));
  }
}

void QmpClient::send(const json& message) {
  const std::string line = message.dump() + "\n";
  std::size_t off = 0;
  while (off < line.size()) {
    ssize_t n = write(fd_, line.data() + off, line.size() - off);
    if (n > 0) {
      off += static_cast<std::size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
      pollfd p{fd_, POLLOUT, 0};
      poll(&p, 1, 1000);
    } else {
      throw std::runtime_error(std::string("QMP write failed: ") + std::strerror(errno));
    }
  }
}

void QmpClient::negotiate(Clock::time_point deadline) {
  for (;;) {
    auto m = read_message(deadline);
    if (!m) throw std::runtime_error("QEMU sent no QMP greeting in time");
    if (m->contains("QMP")) break;
  }
  execute("qmp_capabilities", json::object(), deadline);
}

json QmpClient::execute(const std::string& command, const json& arguments, Clock::time_point deadline) {
  const std::int64_t id = next_id_++;
  json request = {{"execute", command}, {"id", id}};
  if (!arguments.empty()) request["arguments"] = arguments;
  send(request);
  for (;;) {
    auto m = read_message(deadline);
    if (!m) throw std::runtime_error("QEMU did not answer '" + command + "' in time");
    if (m->contains("event")) {
      events_.push_back(std::move(*m));
      if (events_.size() > 64) events_.pop_front();
      continue;
    }
    if (m->value("id", json()) != json(id)) continue;
    if (m->contains("error"))
      throw std::runtime_error("QEMU refused '" + command + "': " + (*m)["error"].value("desc", std::string("error")));
    return m->value("return", json::object());
  }
}

bool QmpClient::wait_event(const std::string& name, const std::string& device, Clock::time_point deadline) {
  auto matches = [&](const json& e) {
    return e.value("event", std::string()) == name &&
           (device.empty() || e.value("data", json::object()).value("device", std::string()) == device);
  };
  for (auto it = events_.begin(); it != events_.end(); ++it)
    if (matches(*it)) {
      events_.erase(it);
      return true;
    }
  for (;;) {
    auto m = read_message(deadline);
    if (!m) return false;
    if (m->contains("event") && matches(*m)) return true;
    if (m->contains("event")) events_.push_back(std::move(*m));
  }
}

}  // namespace azemu::vm
