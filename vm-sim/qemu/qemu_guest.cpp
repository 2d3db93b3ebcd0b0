#include "vm-sim/qemu/qemu_guest.hpp"

#include "emulator/log/log.hpp"
#include "vm-sim/machine/agent_requests.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace azemu::vm {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {
constexpr int kAgentFd = 3;

/// A guest script: re-runs azdisks.sh (names, BEK mount) until `condition` holds, for up to 10 s
/// (the guest handles a hot-plug event a moment after QMP's device_add returned).
std::string names_script(const std::string& condition) {
  return "i=0; while [ $i -lt 100 ]; do /usr/lib/azemu/azdisks.sh; " + condition +
         " && exit 0; i=$((i + 1)); sleep 0.1; done; exit 1";
}
constexpr int kQmpFd = 4;

json blockdev(const QemuDisk& d) {
  return {{"driver", "raw"},
          {"node-name", "blk-" + qemu_disk_id(d.controller, d.lun)},
          {"read-only", d.read_only},
          {"discard", "unmap"},
          {"file", {{"driver", "file"}, {"filename", d.path}}}};
}

std::string scsi_hd(const QemuDisk& d) {
  const std::string id = qemu_disk_id(d.controller, d.lun);
  return "scsi-hd,id=" + id + ",drive=blk-" + id + ",bus=scsi" + std::to_string(d.controller) +
         ".0,channel=0,scsi-id=0,lun=" + std::to_string(d.lun);
}
}  // namespace

std::string qemu_disk_id(int controller, int lun) { return "disk-c" + std::to_string(controller) + "-l" + std::to_string(lun); }

std::vector<std::string> QemuGuest::command_line(int agent_fd, int qmp_fd) const {
  const auto& l = launch_;
  std::vector<std::string> a = {l.qemu, "-nodefaults", "-no-user-config", "-display", "none", "-name", "azemu",
                                "-machine", "pc,accel=" + l.accelerator, "-cpu", l.accelerator == "kvm" ? "host" : "max",
                                "-smp", std::to_string(std::max(1, l.cpus)), "-m", std::to_string(l.memory_mb),
                                "-kernel", l.kernel, "-initrd", l.initrd,
                                // scsi_mod.scan=sync: every disk exists when virtio_scsi's insmod returns (see the initramfs).
                                "-append", "console=ttyS2 root=/dev/sda rw quiet scsi_mod.scan=sync panic=-1 azemu.runtime=qemu"};
  // Serial lines: ttyS0 interactive console, ttyS1 agent, ttyS2 kernel console (console.log).
  for (const std::string& s :
       {"socket,id=con,path=" + l.vm_dir + "/console.sock,server=on,wait=off", "socket,id=agent,fd=" + std::to_string(agent_fd),
        "file,id=log,path=" + l.vm_dir + "/console.log,append=on"}) {
    a.push_back("-chardev");
    a.push_back(s);
  }
  for (const char* id : {"con", "agent", "log"}) {
    a.push_back("-serial");
    a.push_back(std::string("chardev:") + id);
  }
  a.insert(a.end(), {"-chardev", "socket,id=qmp,fd=" + std::to_string(qmp_fd), "-mon", "chardev=qmp,mode=control"});
  // Fixed PCI slots: the controllers enumerate (and become SCSI hosts) in this order.
  a.insert(a.end(), {"-device", "virtio-scsi-pci,id=scsi0,addr=0x4", "-device", "virtio-scsi-pci,id=scsi1,addr=0x5"});
  for (const auto& d : l.disks) {
    a.push_back("-blockdev");
    a.push_back(blockdev(d).dump());
    a.push_back("-device");
    a.push_back(scsi_hd(d));
  }
  a.insert(a.end(), {"-device", "virtio-rng-pci,addr=0x6"});
  if (l.network) {
    // restrict=on: nothing leaves QEMU except the forwards; the slirp host moves to 10.0.2.254 so
    // that 10.0.2.2 (the guests' gateway and azemu's address, as under UML) can carry guestfwd rules.
    std::string net = "user,id=net0,restrict=on,ipv6=off,net=10.0.2.0/24,host=10.0.2.254,dns=10.0.2.253";
    if (l.ssh_port > 0) net += ",hostfwd=tcp:127.0.0.1:" + std::to_string(l.ssh_port) + "-10.0.2.15:22";
    const std::string socat = find_program("socat");
    for (const auto& f : l.to_host)
      net += ",guestfwd=tcp:10.0.2.2:" + std::to_string(f.guest_port) + "-cmd:" + socat + " -lf/dev/null STDIO TCP:127.0.0.1:" +
             std::to_string(f.host_port);
    a.insert(a.end(), {"-netdev", net, "-device", "virtio-net-pci,netdev=net0,addr=0x3"});
  }
  return a;
}

std::unique_ptr<QemuGuest> QemuGuest::boot(const QemuLaunch& launch) {
  std::unique_ptr<QemuGuest> g(new QemuGuest(launch));
  fs::create_directories(launch.vm_dir);
  // QEMU's own messages; the guest's kernel console is appended to the same file by QEMU.
  g->log_fd_ = open((launch.vm_dir + "/console.log").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (g->log_fd_ < 0) throw std::runtime_error("cannot open console log in " + launch.vm_dir);
  int agent[2], qmp[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, agent) != 0)
    throw std::runtime_error(std::string("socketpair: ") + std::strerror(errno));
  g->channel_ = std::make_unique<ControlChannel>(agent[0]);
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, qmp) != 0) {
    close(agent[1]);
    throw std::runtime_error(std::string("socketpair: ") + std::strerror(errno));
  }
  g->qmp_ = std::make_unique<QmpClient>(qmp[0]);
  SpawnOptions o;
  o.env = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C"};
  o.fds = {{1, g->log_fd_}, {2, g->log_fd_}, {kAgentFd, agent[1]}, {kQmpFd, qmp[1]}};
  try {
    o.argv = g->command_line(kAgentFd, kQmpFd);
    g->qemu_ = GuestProcess::spawn(o);
  } catch (...) {
    close(agent[1]);
    close(qmp[1]);
    throw;
  }
  close(agent[1]);
  close(qmp[1]);
  try {
    g->qmp_->negotiate(Clock::now() + 30s);
    if (!g->channel_->wait_ready(Clock::now() + launch.boot_timeout, g->qemu_->pidfd()))
      throw std::runtime_error(g->qemu_->poll_exited() ? "the guest stopped while booting" : "the guest agent did not report ready in time");
  } catch (const std::exception& e) {
    std::string why = e.what();
    g->shutdown(0ms);
    throw std::runtime_error(why + "; console: " + g->console_tail());
  }
  return g;
}

QemuGuest::QemuGuest(QemuLaunch launch) : launch_(std::move(launch)) {
  for (const auto& d : launch_.disks)
    if (d.controller == kOsController && d.lun == kBekLun) bek_attached_ = true;
}

QemuGuest::~QemuGuest() { shutdown(2000ms); }

bool QemuGuest::alive() { return qemu_ && !qemu_->poll_exited(); }

void QemuGuest::reboot() {
  std::string previous = channel_->seen().boot_id;
  channel_->request({{"op", "reboot"}}, Clock::now() + 10s);
  channel_->mark_not_ready();
  if (!channel_->wait_ready(Clock::now() + launch_.boot_timeout, qemu_->pidfd(), previous))
    throw std::runtime_error("the guest did not come back after the reboot; console: " + console_tail());
}

void QemuGuest::attach(const QemuDisk& disk) {
  const auto deadline = Clock::now() + 10s;
  qmp_->execute("blockdev-add", blockdev(disk), deadline);
  json device = {{"driver", "scsi-hd"},
                 {"id", qemu_disk_id(disk.controller, disk.lun)},
                 {"drive", "blk-" + qemu_disk_id(disk.controller, disk.lun)},
                 {"bus", "scsi" + std::to_string(disk.controller) + ".0"},
                 {"channel", 0},
                 {"scsi-id", 0},
                 {"lun", disk.lun}};
  try {
    qmp_->execute("device_add", device, deadline);
  } catch (...) {
    try {
      qmp_->execute("blockdev-del", {{"node-name", "blk-" + qemu_disk_id(disk.controller, disk.lun)}}, deadline);
    } catch (const std::exception&) {
    }
    throw;
  }
}

void QemuGuest::detach(int controller, int lun) {
  const std::string id = qemu_disk_id(controller, lun);
  qmp_->execute("device_del", {{"id", id}}, Clock::now() + 10s);
  if (!qmp_->wait_event("DEVICE_DELETED", id, Clock::now() + 30s))
    throw std::runtime_error("QEMU did not remove the disk at LUN " + std::to_string(lun) + " in time");
  qmp_->execute("blockdev-del", {{"node-name", "blk-" + id}}, Clock::now() + 10s);
}

void QemuGuest::guest_script(const std::string& script, const std::string& failure) {
  run_guest_script(*channel_, script, failure, launch_.timeouts);
}

void QemuGuest::attach_data_disk(int lun, const std::string& path) {
  attach({path, kDataController, lun, false});
  const std::string link = "/dev/disk/azure/scsi1/lun" + std::to_string(lun);
  guest_script(names_script("[ -e " + link + " ]"), "the guest did not see the disk at LUN " + std::to_string(lun));
}

void QemuGuest::detach_data_disk(int lun) {
  // A real guest would lose a mounted filesystem (or an open dm-crypt volume) without warning:
  // refuse, as the UML runtime does.
  const std::string link = "/dev/disk/azure/scsi1/lun" + std::to_string(lun);
  guest_script("d=$(readlink -f " + link + ") || exit 0; n=${d##*/}; grep -q \"^$d[0-9]* \" /proc/mounts && "
               "{ echo \"$d is mounted\" >&2; exit 3; }; for h in /sys/block/$n/holders/* /sys/block/$n/$n*/holders/*; do "
               "[ -e \"$h\" ] && { echo \"$d is in use by ${h##*/}\" >&2; exit 3; }; done; exit 0",
               "cannot detach LUN " + std::to_string(lun) + ": unmount it in the guest first");
  detach(kDataController, lun);
  guest_script(names_script("[ ! -e " + link + " ]"), "the guest still sees the disk at LUN " + std::to_string(lun));
}

void QemuGuest::replace_bek_volume(const std::string& path, const std::function<void()>& swap_file) {
  if (bek_attached_) {
    guest_script("grep -q ' /mnt/azure_bek_disk ' /proc/mounts && umount /mnt/azure_bek_disk; exit 0",
                 "cannot unmount the old BEK volume");
    detach(kOsController, kBekLun);
    bek_attached_ = false;
  }
  swap_file();
  if (path.empty()) return;
  attach({path, kOsController, kBekLun, true});
  bek_attached_ = true;
  guest_script(names_script("grep -q ' /mnt/azure_bek_disk ' /proc/mounts"), "the guest did not mount the BEK volume");
}

void QemuGuest::shutdown(std::chrono::milliseconds grace) {
  if (released_) return;
  if (qemu_ && alive() && grace.count() > 0) {
    // 1. The agent syncs and powers off; ACPI S5 makes QEMU exit.
    try {
      channel_->request({{"op", "shutdown"}}, Clock::now() + std::min<std::chrono::milliseconds>(grace, 5000ms));
      qemu_->wait_until(Clock::now() + grace);
    } catch (const std::exception& e) {
      log::write(log::Level::debug, "agent shutdown failed", {{"vm_dir", launch_.vm_dir}, {"error", e.what()}});
    }
    // 2. The guest did not power off: QMP quit (busybox init has no ACPI power-button handler, so
    //    system_powerdown would not help; unsynced guest writes may be lost, as with a power cut).
    if (alive()) {
      try {
        qmp_->execute("quit", json::object(), Clock::now() + 3s);
      } catch (const std::exception&) {
        // quit may close the monitor before answering; the wait below tells.
      }
      qemu_->wait_until(Clock::now() + 3s);
    }
    if (alive()) {
      qemu_->signal(SIGTERM);
      qemu_->wait_until(Clock::now() + 2s);
    }
  }
  // 3. Whatever is left in the group (QEMU, socat forwards): SIGKILL and reap.
  if (qemu_) sweep_process_group(qemu_->pid());
  release();
}

void QemuGuest::release() {
  released_ = true;
  channel_.reset();
  qmp_.reset();
  std::error_code ec;
  fs::remove(launch_.vm_dir + "/console.sock", ec);
  if (log_fd_ >= 0) close(log_fd_);
  log_fd_ = -1;
}

std::string QemuGuest::console_tail() const {
  std::ifstream in(launch_.vm_dir + "/console.log");
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return all.size() > 1500 ? all.substr(all.size() - 1500) : all;
}

}  // namespace azemu::vm
