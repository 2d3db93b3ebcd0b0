// One running QEMU guest (a Guest of vm-sim/machine/hypervisor.hpp): the qemu-system-x86_64 process in its own process group (with the
// per-connection socat children user networking forks for guest->host forwards), the agent's
// serial line and the QMP monitor on inherited socketpairs, the console log. Serial ports:
//   ttyS0 -> <vm_dir>/console.sock (getty: `azemu vm console`), ttyS1 -> the agent channel
//   (/usr/sbin/azemu-guest-agent /dev/ttyS1 from the image's inittab), ttyS2 -> console.log
//   (the kernel console).
// Disks are SCSI: controller 0 holds the OS disk (LUN 0), the resource disk (LUN 1) and the BEK
// volume (LUN 2); controller 1 holds the data disks at their Azure LUNs. The initramfs binds them
// in that order, so the guest sees /dev/sda, /dev/sdb, /dev/sdc.. (vm-sim/qemu/build-initramfs.sh).
// Hot-plug is QMP's; after it the guest re-runs its Azure disk naming through the agent.
// Network: QEMU user networking, restricted: the guest reaches nothing but the forwards below
// (10.0.2.2:<guest_port> -> 127.0.0.1:<host_port>), and sshd is forwarded from a loopback port.
#pragma once

#include "vm-sim/machine/control_channel.hpp"
#include "vm-sim/machine/guest_network.hpp"
#include "vm-sim/machine/guest_process.hpp"
#include "vm-sim/machine/hypervisor.hpp"
#include "vm-sim/machine/timeouts.hpp"
#include "vm-sim/qemu/qmp_client.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace azemu::vm {

inline constexpr int kOsController = 0, kDataController = 1;
inline constexpr int kOsLun = 0, kResourceLun = 1, kBekLun = 2;  // on the OS controller

struct QemuDisk {
  std::string path;
  int controller = 1;  // 0: OS, resource, BEK; 1: data disks
  int lun = 0;
  bool read_only = false;
};

/// The QEMU ids of a disk ("disk-c1-l3"): its block node and its device.
std::string qemu_disk_id(int controller, int lun);

struct QemuLaunch {
  std::string qemu;                   // /usr/bin/qemu-system-x86_64
  std::string kernel;                 // vmlinuz
  std::string initrd;                 // initrd.img
  std::string accelerator = "tcg";    // "kvm" | "tcg"
  std::string vm_dir;                 // <data-dir>/vms/<vm_id>: console.log, console.sock
  int memory_mb = 512;
  int cpus = 1;
  std::vector<QemuDisk> disks;
  bool network = true;
  int ssh_port = 0;                   // host loopback port forwarded to the guest's sshd (0 = none)
  std::vector<PortForward> to_host;   // guest 10.0.2.2:<guest_port> -> host 127.0.0.1:<host_port>
  std::chrono::seconds boot_timeout{300};
  Timeouts timeouts;                  // for the disk-naming scripts after a hot-plug
};

class QemuGuest final : public Guest {
public:
  using Clock = std::chrono::steady_clock;

  /// Starts QEMU and waits for the agent. Throws std::runtime_error (with the console's last lines)
  /// when the guest does not come up; nothing is left running then.
  static std::unique_ptr<QemuGuest> boot(const QemuLaunch& launch);
  ~QemuGuest() override;  // force-stops a guest still running

  ControlChannel& channel() override { return *channel_; }
  bool alive() override;
  int ssh_port() const override { return launch_.network ? launch_.ssh_port : 0; }

  /// A real reboot: the agent reboots the kernel, QEMU resets the machine (same kernel, initramfs
  /// and disks); returns when the new boot's agent is ready.
  void reboot() override;
  /// Clean shutdown: the agent syncs and powers off (ACPI), then QMP `quit`, SIGTERM, and a SIGKILL
  /// sweep of the process group. Idempotent.
  void shutdown(std::chrono::milliseconds grace) override;

  void attach_data_disk(int lun, const std::string& path) override;
  /// Refused while the guest has the disk mounted or held (dm-crypt), as the UML runtime does.
  void detach_data_disk(int lun) override;
  void replace_bek_volume(const std::string& path, const std::function<void()>& swap_file) override;

  QemuGuest(const QemuGuest&) = delete;
  QemuGuest& operator=(const QemuGuest&) = delete;

private:
  explicit QemuGuest(QemuLaunch launch);
  std::vector<std::string> command_line(int agent_fd, int qmp_fd) const;
  std::string console_tail() const;
  void release();
  /// Hot-plug through QMP (blockdev-add + device_add scsi-hd / device_del + blockdev-del).
  void attach(const QemuDisk& disk);
  void detach(int controller, int lun);
  /// Runs a disk-naming script in the guest; throws `failure` with the guest's stderr.
  void guest_script(const std::string& script, const std::string& failure);

  QemuLaunch launch_;
  int log_fd_ = -1;
  std::unique_ptr<ControlChannel> channel_;
  std::unique_ptr<QmpClient> qmp_;
  std::optional<GuestProcess> qemu_;
  bool released_ = false;
  bool bek_attached_ = false;  // the BEK volume is at kOsController, kBekLun
};

}  // namespace azemu::vm
