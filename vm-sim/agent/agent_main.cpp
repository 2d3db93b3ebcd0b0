// azemu-guest-agent: the in-guest half of vm-sim, started (and respawned) by busybox init.
//   azemu-guest-agent /dev/ttyS1
// Speaks the protocol in agent_protocol.hpp over the serial line. Single-threaded: one request at
// a time, heartbeats while idle. Statically linked, so it needs nothing from the guest's libraries.
#include "emulator/json/strings.hpp"
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

void send(const json& message) {
  std::string line = message.dump() + "\n";
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

json handle(const json& req) {
  const std::string op = req.value("op", std::string());
  json reply = {{"ok", true}};
  if (op == "ping") {
    reply["t"] = static_cast<long long>(std::time(nullptr));
  } else if (op == "provision") {
    provision({req.value("hostname", std::string()), req.value("user", std::string()),
               req.value("ssh_keys", std::vector<std::string>{}), req.value("password", std::string())});
    apply_platform_config(req);
  } else if (op == "run") {
    auto r = run_script(azemu::text::base64_decode(req.at("script_b64").get<std::string>()),
                        req.value("timeout_s", 5400));
    reply["exit_code"] = r.exit_code;
    reply["stdout_b64"] = azemu::text::base64_encode(r.out);
    reply["stderr_b64"] = azemu::text::base64_encode(r.err);
  } else if (op == "disks") {
    std::vector<std::string> args;
    const json luns = req.value("luns", json::object());  // a named object: items() must not outlive it
    for (auto& [ubd, lun] : luns.items()) args.push_back(ubd + "=" + lun.dump());
    if (int rc = run_program("/usr/lib/azemu/azdisks.sh", args); rc != 0)
      throw std::runtime_error("azdisks.sh failed with " + std::to_string(rc));
  } else if (op == "ext_settings") {
    deliver_settings(req);
  } else if (op == "ext_status") {
    reply.update(read_status(req.at("name")));
  } else if (op == "ext_remove") {
    remove_extension(req.at("name"));
  } else if (op == "shutdown" || op == "reboot") {
    // Answered before acting: the host then waits for the process to exit (or a new "ready").
    reply["id"] = req.value("id", 0);
    send(reply);
    power(op == "shutdown" ? RB_POWER_OFF : RB_AUTOBOOT);
  } else {
    throw std::runtime_error("unknown op '" + op + "'");
  }
  return reply;
}

void serve_line(const std::string& line) {
  json req = json::parse(line, nullptr, false);
  if (!req.is_object()) {
    send({{"ok", false}, {"error", "not a JSON object"}});
    return;
  }
  json reply;
  try {
    reply = handle(req);
  } catch (const std::exception& e) {
    reply = {{"ok", false}, {"error", e.what()}};
  }
  reply["id"] = req.value("id", 0);
  send(reply);
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
      if (!line.empty()) serve_line(line);
    }
  }
}
