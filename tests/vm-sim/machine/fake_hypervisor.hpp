// Test support for GuestRuntime without a guest: a fake Hypervisor whose guests' agent is a thread
// on the far end of a socketpair speaking the real protocol (vm-sim/agent/agent_protocol.hpp), so
// every request GuestRuntime sends goes through the real ControlChannel and agent_requests. Used by
// guest_runtime_test.cpp and guest_runtime_spares_test.cpp.
#pragma once

#include "vm-sim/machine/guest_runtime.hpp"

#include "emulator/json/strings.hpp"
#include "vm-sim/machine/disk_files.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace azemu::vm::fake {

using namespace std::chrono_literals;
using nlohmann::json;
namespace fs = std::filesystem;

/// What the fake agent was asked, and the extension settings it holds (written by its thread).
struct AgentLog {
  std::mutex mu;
  std::vector<std::string> ops;
  std::map<std::string, int> extension_seq;

  std::vector<std::string> snapshot() {
    std::lock_guard l(mu);
    return ops;
  }
};

inline json answer(AgentLog& log, const json& request) {
  const std::string op = request.value("op", "");
  json reply = {{"id", request["id"]}, {"ok", true}};
  std::lock_guard l(log.mu);
  log.ops.push_back(op);
  if (op == "run") {
    reply["exit_code"] = 0;
    reply["stdout_b64"] = text::base64_encode("ran: " + text::base64_decode(request["script_b64"].get<std::string>()));
    reply["stderr_b64"] = "";
  } else if (op == "ext_settings") {
    log.extension_seq[request["name"].get<std::string>()] = request["seq"].get<int>();
  } else if (op == "ext_status") {
    auto it = log.extension_seq.find(request["name"].get<std::string>());
    reply["seq"] = nullptr;
    if (it != log.extension_seq.end()) {
      reply["seq"] = it->second;
      reply["status"] = json::array(
          {{{"status", {{"status", "success"}, {"code", 0}, {"formattedMessage", {{"message", "Enable succeeded"}}}}}}});
    }
  } else if (op == "ext_remove") {
    log.extension_seq.erase(request["name"].get<std::string>());
  }
  return reply;
}

/// The agent's end of the line: says ready, then answers every request until the host closes.
inline void run_agent(int fd, AgentLog* log) {
  const std::string ready = "{\"event\":\"ready\",\"version\":\"fake-agent-1\",\"boot_id\":\"b1\"}\n";
  (void)!write(fd, ready.data(), ready.size());
  std::string line;
  char c;
  while (read(fd, &c, 1) == 1) {
    if (c != '\n') {
      line += c;
      continue;
    }
    std::string out = answer(*log, json::parse(line)).dump() + "\n";
    line.clear();
    (void)!write(fd, out.data(), out.size());
  }
}

/// What the fake hypervisor and its guests were asked (owned by the test, outlives the runtime).
/// Spares boot on the pool's thread: read `boots` after wait_for_spares(), or through launches().
struct Recorder {
  std::mutex boots_mu;
  std::vector<MachineLaunch> boots;
  std::vector<std::string> guest_calls;  // "reboot", "shutdown", "attach 2", "detach 2", "bek <path>"
  std::set<int> busy_luns;               // detach_data_disk refuses these
  bool power_cycle = false;              // restart_needs_power_cycle's answer
  std::string boot_failure;              // boot() throws this when not empty
  std::atomic<bool> guest_alive = true;  // the running guest's alive()
  AgentLog agent;

  std::vector<MachineLaunch> launches() {
    std::lock_guard l(boots_mu);
    return boots;
  }
};

class FakeGuest final : public Guest {
public:
  explicit FakeGuest(Recorder& r) : r_(r) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) throw std::runtime_error("socketpair");
    channel_ = std::make_unique<ControlChannel>(sv[0]);
    agent_fd_ = sv[1];
    agent_ = std::thread(run_agent, agent_fd_, &r_.agent);
    if (!channel_->wait_ready(ControlChannel::Clock::now() + 10s, -1)) throw std::runtime_error("fake agent not ready");
  }
  ~FakeGuest() override {
    channel_.reset();  // the agent thread reads EOF and ends
    agent_.join();
    close(agent_fd_);
  }

  ControlChannel& channel() override { return *channel_; }
  bool alive() override { return r_.guest_alive; }
  int ssh_port() const override { return 0; }
  void reboot() override { r_.guest_calls.push_back("reboot"); }
  void shutdown(std::chrono::milliseconds) override { r_.guest_calls.push_back("shutdown"); }
  void attach_data_disk(int lun, const std::string&) override { r_.guest_calls.push_back("attach " + std::to_string(lun)); }
  void detach_data_disk(int lun) override {
    if (r_.busy_luns.count(lun)) throw std::runtime_error("cannot detach LUN " + std::to_string(lun) + ": unmount it in the guest first");
    r_.guest_calls.push_back("detach " + std::to_string(lun));
  }
  void replace_bek_volume(const std::string& path, const std::function<void()>& swap_file) override {
    swap_file();
    r_.guest_calls.push_back("bek " + path);
  }

private:
  Recorder& r_;
  std::unique_ptr<ControlChannel> channel_;
  int agent_fd_ = -1;
  std::thread agent_;
};

class FakeHypervisor final : public Hypervisor {
public:
  explicit FakeHypervisor(Recorder& r) : r_(r) {}
  std::string kind() const override { return "fake"; }
  int max_data_disks() const override { return 2; }
  bool prepare_os_disk(const OsDiskPrep& prep) override {
    create_sparse_disk(prep.path, prep.bytes);
    return false;
  }
  bool restart_needs_power_cycle(const std::string&, bool) override { return r_.power_cycle; }
  std::unique_ptr<Guest> boot(const MachineLaunch& launch) override {
    if (!r_.boot_failure.empty()) throw std::runtime_error(r_.boot_failure);
    {
      std::lock_guard l(r_.boots_mu);
      r_.boots.push_back(launch);
    }
    r_.guest_alive = true;
    return std::make_unique<FakeGuest>(r_);
  }

private:
  Recorder& r_;
};

/// A data dir under /tmp for one test, removed afterwards.
struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/azemu-guest-runtime-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

struct Fixture {
  TempDir dir;
  Recorder rec;
  std::unique_ptr<GuestRuntime> rt;
  /// `warm_guests` spares of spec()'s shape (512 MiB, 1 core, 1 GiB OS disk).
  explicit Fixture(int warm_guests = 0) {
    GuestRuntimeOptions o;
    o.data_dir = dir.path;
    o.resource_disk_gb = 1;
    o.network = false;
    o.warm_guests = warm_guests;
    o.spare_shape.memory_mb = 512;
    o.spare_shape.os_disk_gb = 1;
    rt = std::make_unique<GuestRuntime>(o, std::make_unique<FakeHypervisor>(rec));
  }
};

inline ports::VmSpec spec(const std::string& vm_id) {
  ports::VmSpec s;
  s.vm_id = vm_id;
  s.name = s.computer_name = "vm1";
  s.admin_username = "azureuser";
  s.os_disk = {"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/vm1_OsDisk_1", "vm1_OsDisk_1", -1, 1, true};
  s.data_disks.push_back({"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/d3", "d3", 3, 1, false});
  s.data_disks.push_back({"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/d0", "d0", 0, 1, false});
  return s;
}

inline int count(const std::vector<std::string>& v, const std::string& x) { return static_cast<int>(std::count(v.begin(), v.end(), x)); }

}  // namespace azemu::vm::fake
