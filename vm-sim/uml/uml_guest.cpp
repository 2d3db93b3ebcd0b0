#include "vm-sim/uml/uml_guest.hpp"

#include "emulator/log/log.hpp"
#include "vm-sim/machine/agent_requests.hpp"
#include "vm-sim/uml/mconsole.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace azemu::vm {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {
/// Where UML keeps its umid folder (pid file, mconsole socket). UML copies the socket path into a
/// 108-byte sun_path, so a deep data dir would break hot-plug and shutdown: then the folder is
/// reached through a short symlink in /tmp (under a 0700 folder) and still lives in the VM's
/// folder. The same launch always gets the same path.
std::string uml_dir(const GuestLaunch& launch) {
  const std::string real = launch.vm_dir + "/uml";
  if ((real + "/" + launch.umid + "/mconsole").size() < 100) return real;
  const std::string parent = "/tmp/azemu-uml-" + std::to_string(getuid());
  mkdir(parent.c_str(), 0700);
  const std::string link = parent + "/" + launch.umid + "-" + std::to_string(std::hash<std::string>{}(real) % 1000000007u);
  char target[4096];
  ssize_t n = readlink(link.c_str(), target, sizeof target - 1);
  if (n < 0 || std::string(target, static_cast<std::size_t>(n)) != real) {
    unlink(link.c_str());
    if (symlink(real.c_str(), link.c_str()) != 0)
      throw std::runtime_error("cannot link " + link + " to " + real + ": " + std::strerror(errno));
  }
  return link;
}
}  // namespace

std::unique_ptr<UmlGuest> UmlGuest::boot(const GuestLaunch& launch) {
  std::unique_ptr<UmlGuest> g(new UmlGuest(launch));
  fs::create_directories(launch.vm_dir + "/uml");
  // The console of every boot of this VM, appended: `azemu vm console` and error messages read it.
  g->log_fd_ = open((launch.vm_dir + "/console.log").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (g->log_fd_ < 0) throw std::runtime_error("cannot open console log in " + launch.vm_dir);
  g->console_start_ = static_cast<std::uintmax_t>(lseek(g->log_fd_, 0, SEEK_END));

  if (!launch.netns.empty()) {
    try {
      g->network_ = std::make_unique<GuestNetwork>(launch.netns, launch.vm_dir, g->log_fd_);
    } catch (const std::exception& e) {
      log::write(log::Level::warn, "guest boots without a network", {{"umid", launch.umid}, {"error", e.what()}});
    }
  }

  int pair[2], console[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
    throw std::runtime_error(std::string("socketpair: ") + std::strerror(errno));
  g->channel_ = std::make_unique<ControlChannel>(pair[0]);
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, console) != 0) {
    close(pair[1]);
    throw std::runtime_error(std::string("socketpair: ") + std::strerror(errno));
  }

  SpawnOptions o;
  o.argv = {launch.kernel, "mem=" + std::to_string(launch.memory_mb) + "M"};
  o.argv.insert(o.argv.end(), launch.ubd.begin(), launch.ubd.end());
  // con0: kernel and init messages to console.log; ssl0 (ttyS0): the interactive serial console;
  // ssl1 (ttyS1): the agent's channel.
  for (const char* a : {"root=/dev/ubda", "rw", "quiet", "con0=null,fd:1", "con=null", "ssl=null", "ssl0=fd:4", "ssl1=fd:3"})
    o.argv.emplace_back(a);
  if (!launch.initrd.empty()) o.argv.push_back("initrd=" + launch.initrd);
  o.argv.insert(o.argv.end(), launch.kernel_args.begin(), launch.kernel_args.end());
  o.argv.push_back("umid=" + launch.umid);
  o.argv.push_back("uml_dir=" + uml_dir(launch));
  if (g->network_) o.argv.push_back(g->network_->uml_eth0());
  // Guest RAM is an unlinked file in TMPDIR: keep it on tmpfs (research/uml-guest.md §5.1). A container's
  // /dev/shm is noexec, which UML refuses: AZEMU_UML_TMPDIR names another place (docker/entrypoint.sh).
  const char* ram_dir = std::getenv("AZEMU_UML_TMPDIR");
  o.env = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", std::string("TMPDIR=") + (ram_dir && *ram_dir ? ram_dir : "/dev/shm"), "LANG=C"};
  if (!launch.preload.empty()) o.env.push_back("LD_PRELOAD=" + launch.preload);
  o.fds = {{1, g->log_fd_}, {2, g->log_fd_}, {3, pair[1]}, {4, console[1]}};
  o.netns_fd = g->network_ ? g->network_->netns_fd() : -1;
  try {
    g->uml_ = GuestProcess::spawn(o);
  } catch (...) {
    close(pair[1]);
    close(console[0]);
    close(console[1]);
    throw;
  }
  close(pair[1]);
  close(console[1]);
  try {
    // The console socket: one client at a time (`azemu vm console`); the relay lives in the
    // guest's process group like every other helper.
    SpawnOptions relay;
    relay.argv = {find_program("socat"), "-lf/dev/null",
                  "UNIX-LISTEN:" + launch.vm_dir + "/console.sock,fork,unlink-early,mode=600", "FD:3"};
    relay.env = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C"};
    relay.fds = {{3, console[0]}};
    relay.join_group = g->uml_->pid();
    g->relays_.push_back(GuestProcess::spawn(relay));
    close(console[0]);
    console[0] = -1;
    if (g->network_)
      for (auto& r : g->network_->start_relays(g->uml_->pid(), launch.ssh_port, launch.to_host))
        g->relays_.push_back(std::move(r));
    if (!g->channel_->wait_ready(Clock::now() + launch.boot_timeout, g->uml_->pidfd()))
      throw std::runtime_error(g->uml_->poll_exited() ? "the guest stopped while booting" : "the guest agent did not report ready in time");
  } catch (const std::exception& e) {
    if (console[0] >= 0) close(console[0]);
    std::string why = e.what();
    g->shutdown(0ms);
    if (std::string failure = g->boot_failure(); !failure.empty())
      throw std::runtime_error(failure + " (" + why + ")");
    throw std::runtime_error(why + "; console: " + g->console_tail());
  }
  return g;
}

UmlGuest::~UmlGuest() { shutdown(2000ms); }

bool UmlGuest::alive() { return uml_ && !uml_->poll_exited(); }

void UmlGuest::reboot() {
  std::string previous = channel_->seen().boot_id;
  channel_->request({{"op", "reboot"}}, Clock::now() + 10s);
  channel_->mark_not_ready();
  if (!channel_->wait_ready(Clock::now() + launch_.boot_timeout, uml_->pidfd(), previous))
    throw std::runtime_error("the guest did not come back after the reboot; console: " + console_tail());
}

std::string UmlGuest::mconsole(const std::string& command) {
  const std::string dir = uml_dir(launch_);
  auto reply = mconsole_command(dir + "/" + launch_.umid + "/mconsole", dir, command);
  if (!reply.ok) throw std::runtime_error(reply.text.empty() ? "mconsole '" + command + "' failed" : reply.text);
  return reply.text;
}

void UmlGuest::attach_data_disk(int lun, const std::string& path) {
  int index = 2;
  auto used = [this](int i) {
    for (const auto& slot : ubd_of_lun_)
      if (slot.second == i) return true;
    return false;
  };
  while (used(index)) ++index;
  mconsole("config ubd" + std::to_string(index) + "=" + path);
  ubd_of_lun_[lun] = index;
  const std::string name = "ubd" + std::string(1, static_cast<char>('a' + index));
  channel_->request({{"op", "disks"}, {"luns", {{name, lun}}}}, Clock::now() + launch_.timeouts.agent_request);
}

void UmlGuest::detach_data_disk(int lun) {
  auto it = ubd_of_lun_.find(lun);
  if (it == ubd_of_lun_.end()) return;
  try {
    mconsole("remove ubd" + std::to_string(it->second));
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot detach LUN " + std::to_string(lun) + ": " + e.what() +
                             " (unmount it in the guest first)");
  }
  ubd_of_lun_.erase(it);
  channel_->request({{"op", "disks"}, {"luns", nlohmann::json::object()}}, Clock::now() + launch_.timeouts.agent_request);
}

void UmlGuest::replace_bek_volume(const std::string& path, const std::function<void()>& swap_file) {
  const std::string slot = "ubd" + std::to_string(kBekUbd);
  std::string remount;  // where the guest had the old volume mounted
  if (bek_attached_) {
    try {
      mconsole("remove " + slot);
    } catch (const std::exception&) {
      // Busy: mounted (rc.sysinit, the ADE daemon). Unmount, swap, mount the new one back.
      remount = run_guest_script(*channel_,
                                 "for m in $(awk '$1==\"/dev/ubdp\"||$1==\"/dev/sdp\"{print $2}' /proc/mounts); do "
                                 "umount \"$m\" && echo \"$m\"; done",
                                 "cannot unmount the BEK volume", launch_.timeouts);
      mconsole("remove " + slot);
    }
    bek_attached_ = false;
  }
  swap_file();
  if (!path.empty()) {
    mconsole("config " + slot + "r=" + path);
    bek_attached_ = true;
  }
  // /dev/sdp appears or goes (azdisks.sh); then the mounts the old volume had, read-only.
  channel_->request({{"op", "disks"}, {"luns", nlohmann::json::object()}}, Clock::now() + launch_.timeouts.agent_request);
  if (path.empty() || remount.empty()) return;
  std::string script = "i=0; while [ ! -b /dev/ubdp ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done\n";
  std::istringstream mounts(remount);
  for (std::string m; std::getline(mounts, m);)
    if (!m.empty()) script += "mount -t vfat -o ro /dev/ubdp '" + m + "'\n";
  run_guest_script(*channel_, script, "cannot mount the new BEK volume", launch_.timeouts);
}

void UmlGuest::shutdown(std::chrono::milliseconds grace) {
  if (released_) return;
  if (uml_ && alive() && grace.count() > 0) {
    // 1. The agent syncs and powers off (~30 ms when healthy).
    try {
      channel_->request({{"op", "shutdown"}}, Clock::now() + std::min<std::chrono::milliseconds>(grace, 5000ms));
      uml_->wait_until(Clock::now() + grace);
    } catch (const std::exception& e) {
      log::write(log::Level::debug, "agent shutdown failed", {{"umid", launch_.umid}, {"error", e.what()}});
    }
    // 2. The kernel syncs and halts, whatever the agent's state.
    if (alive()) {
      try {
        mconsole("sysrq s");
        mconsole("halt");
      } catch (const std::exception&) {
        // halt may exit before answering; the wait below tells.
      }
      uml_->wait_until(Clock::now() + 3s);
    }
    // 3. SIGTERM: UML tears down its helpers itself.
    if (alive()) {
      uml_->signal(SIGTERM);
      uml_->wait_until(Clock::now() + 2s);
    }
  }
  // 4. Whatever is left in the group (UML helpers, stubs, relays): SIGKILL and reap.
  if (uml_) sweep_process_group(uml_->pid());
  release();
}

void UmlGuest::release() {
  released_ = true;
  for (auto& r : relays_) r.poll_exited();
  relays_.clear();
  channel_.reset();
  network_.reset();
  std::error_code ec;
  fs::remove_all(launch_.vm_dir + "/uml", ec);
  for (const auto& entry : fs::directory_iterator(launch_.vm_dir, ec))
    if (entry.path().extension() == ".sock") fs::remove(entry.path(), ec);
  if (log_fd_ >= 0) close(log_fd_);
  log_fd_ = -1;
}

std::string UmlGuest::boot_failure() const {
  std::ifstream in(launch_.vm_dir + "/console.log", std::ios::binary);
  in.seekg(static_cast<std::streamoff>(console_start_));
  for (std::string line; std::getline(in, line);) {
    if (auto at = line.find("ADE-BOOT-FAILURE:"); at != std::string::npos) {
      line = line.substr(at);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      return line;
    }
  }
  return {};
}

std::string UmlGuest::console_tail() const {
  std::ifstream in(launch_.vm_dir + "/console.log");
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return all.size() > 1500 ? all.substr(all.size() - 1500) : all;
}

}  // namespace azemu::vm
