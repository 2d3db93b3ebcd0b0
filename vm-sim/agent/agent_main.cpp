// azemu-guest-agent: the in-guest half of vm-sim, started (and respawned) by busybox init.
//   azemu-guest-agent /dev/ttyS1
// Owns the serial line (framing, heartbeats, power); requests are handled by agent_dispatch.cpp.
// Single-threaded: one request at a time, heartbeats while idle. Statically linked, so it needs
// nothing from the guest's libraries.
#include "vm-sim/agent/agent_dispatch.hpp"
#include "vm-sim/agent/agent_extensions.hpp"
#include "vm-sim/agent/agent_platform_config.hpp"
#include "vm-sim/agent/agent_protocol.hpp"
#include "vm-sim/agent/agent_provision.hpp"
#include "vm-sim/agent/agent_run.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <string>
#include <sys/reboot.h>
#include <termios.h>
#include <unistd.h>

namespace {
using nlohmann::json;
using namespace azemu::vm::agent;

int g_tty = -1;

void send_line(const std::string& line) {
  std::size_t off = 0;
  while (off < line.size()) {
    ssize_t n = write(g_tty, line.data() + off, line.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) {
      pollfd p{g_tty, POLLOUT, 0};
      poll(&p, 1, 1000);
      continue;
    }
    if (n <= 0) return;  // host gone: nothing to report to
    off += static_cast<std::size_t>(n);
  }
}

void send(const json& message) { send_line(message.dump(-1, ' ', false, json::error_handler_t::replace) + "\n"); }

std::string boot_id() {
  std::ifstream in("/proc/sys/kernel/random/boot_id");
  std::string id;
  std::getline(in, id);
  return id;
}

[[noreturn]] void power(int how) {
  sync();
  reboot(how);
  _exit(1);
}

// The machine-changing side of each request (agent_dispatch.hpp decides which runs).
class GuestActions final : public AgentActions {
public:
  void provision(const Provisioning& p, const json& request) override {
    azemu::vm::agent::provision(p);
    azemu::vm::agent::apply_platform_config(request);
  }
  ScriptResult run_script(const std::string& script, int timeout_s) override {
    return azemu::vm::agent::run_script(script, timeout_s);
  }
  int run_program(const char* path, const std::vector<std::string>& args) override {
    return azemu::vm::agent::run_program(path, args);
  }
  void deliver_settings(const json& request) override { azemu::vm::agent::deliver_settings(request); }
  json read_status(const std::string& name) override { return azemu::vm::agent::read_status(name); }
  void remove_extension(const std::string& name) override { azemu::vm::agent::remove_extension(name); }
};

void serve(const std::string& line, AgentActions& actions) {
  Served s = serve_line(line, actions);
  send_line(s.reply_line);
  if (s.power == Served::Power::shutdown) power(RB_POWER_OFF);
  if (s.power == Served::Power::reboot) power(RB_AUTOBOOT);
}
}  // namespace

int main(int argc, char** argv) {
  const char* tty = argc > 1 ? argv[1] : "/dev/ttyS1";
  g_tty = open(tty, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (g_tty < 0) {
    std::perror(tty);
    return 1;
  }
  termios t{};
  if (tcgetattr(g_tty, &t) == 0) {
    cfmakeraw(&t);
    tcsetattr(g_tty, TCSANOW, &t);
  }
  tcflush(g_tty, TCIFLUSH);  // bytes the host sent before "ready" belong to no request
  send({{"event", "ready"}, {"version", kAgentVersion}, {"boot_id", boot_id()}});
  try {
    resume_extensions_at_boot();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "azemu-guest-agent: resuming extensions: %s\n", e.what());
  }

  GuestActions actions;
  std::string pending;
  char buf[65536];
  for (;;) {
    pollfd p{g_tty, POLLIN, 0};
    int n = poll(&p, 1, kHeartbeatSeconds * 1000);
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) {
      send({{"event", "heartbeat"}, {"t", static_cast<long long>(std::time(nullptr))}});
      continue;
    }
    ssize_t got = read(g_tty, buf, sizeof buf);
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (got <= 0) return 1;  // init respawns us
    pending.append(buf, static_cast<std::size_t>(got));
    for (std::size_t nl; (nl = pending.find('\n')) != std::string::npos;) {
      std::string line = pending.substr(0, nl);
      pending.erase(0, nl + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) serve(line, actions);
    }
  }
}
