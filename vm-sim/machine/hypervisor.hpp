// What GuestRuntime asks of one way of running guests (user-mode Linux in vm-sim/uml/, QEMU in
// vm-sim/qemu/): ready the OS disk, boot a guest from a MachineLaunch, and hand back a running
// Guest. Everything that is the same whatever runs the guest (the VM table, spec.json, agent
// requests, extensions, run-command, disk and BEK files, lifecycle) is GuestRuntime's, once; a
// hypervisor only knows its process, its hot-plug mechanism and its disk naming limits.
#pragma once

#include "vm-sim/machine/control_channel.hpp"
#include "vm-sim/machine/guest_network.hpp"
#include "vm-sim/machine/timeouts.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace azemu::vm {

/// One data disk of a launch: its Azure LUN and its image file.
struct DataDiskFile {
  int lun = 0;
  std::string path;
};

/// Everything a hypervisor needs to boot one VM; every file exists already.
struct MachineLaunch {
  std::string vm_id;                     // the VM's GUID (names the UML umid and network namespace)
  std::string vm_dir;                    // <data-dir>/vms/<vm_id>: console.log, sockets
  int memory_mb = 512;                   // the VM size's; a hypervisor may cap it
  int cpus = 1;
  std::string os_disk;                   // /dev/sda in the guest
  bool encrypted_os = false;             // prepare_os_disk found LUKS: boot through the initramfs
  std::string resource_disk;             // /dev/sdb
  std::vector<DataDiskFile> data_disks;  // in LUN order
  std::string bek_volume;                // attached read-only; "" = none
  bool network = true;                   // off: no SSH, no guest -> host
  int ssh_port = 0;                      // host loopback port for the guest's sshd (0 = none)
  std::vector<PortForward> to_host;      // guest 10.0.2.2:<guest_port> -> host 127.0.0.1:<host_port>
  std::chrono::seconds boot_timeout{60};
  Timeouts timeouts;                     // for the guest's own chores (hot-plug names, BEK mounts)
};

/// What a hypervisor needs to ready the OS disk before a boot, while the guest is down.
struct OsDiskPrep {
  std::string vm_id;
  std::string path;          // the OS disk image (created from the guest image on the first boot)
  std::int64_t bytes = 0;    // its declared size
  std::string bek_volume;    // the VM's BEK volume file (Azure Disk Encryption), "" = none
  std::function<void(const std::string&)> progress;  // a long step, shown as the agent message
};

/// One running guest. Not thread-safe: GuestRuntime calls it under the VM's operation lock.
class Guest {
public:
  virtual ~Guest() = default;  // force-stops a guest still running

  /// The agent's line: GuestRuntime sends requests on it and reads what the agent last said.
  virtual ControlChannel& channel() = 0;
  /// False once the guest's process has exited (powered off from inside, crashed).
  virtual bool alive() = 0;
  /// Host loopback port forwarded to the guest's sshd; 0 when the guest has no network.
  virtual int ssh_port() const = 0;

  /// A real reboot from inside; returns when the new boot's agent is ready, throws when not.
  virtual void reboot() = 0;
  /// False: GuestRuntime::restart power-cycles instead of reboot(), because a reboot would come
  /// back without what the guest got after its boot (an adopted spare's hot-plugged disks: UML
  /// re-executes its original command line).
  virtual bool reboots_in_place() const { return true; }
  /// Clean shutdown with `grace` for the guest to power off, then force. Idempotent.
  virtual void shutdown(std::chrono::milliseconds grace) = 0;

  /// Hot-plugs `path` as the data disk at `lun`; returns once the guest has re-run its Azure disk
  /// naming (/dev/disk/azure/scsi1/lun<N>).
  virtual void attach_data_disk(int lun, const std::string& path) = 0;
  /// Hot-unplugs the data disk at `lun`. Throws std::runtime_error containing "unmount it in the
  /// guest first" while the guest uses it: a real guest would lose the filesystem.
  virtual void detach_data_disk(int lun) = 0;
  /// Replaces the BEK volume: detaches the attached one (unmounting it in the guest first when it
  /// is mounted), calls `swap_file` (the host replaces or deletes the file), then attaches `path`
  /// read-only ("" = none) and lets the guest mount it where the old one was.
  virtual void replace_bek_volume(const std::string& path, const std::function<void()>& swap_file) = 0;
};

class Hypervisor {
public:
  virtual ~Hypervisor() = default;

  /// "uml", "qemu": ports::VmRuntime::kind(), and the name in error messages.
  virtual std::string kind() const = 0;
  /// Data disks one guest holds at once (UML: 13 of its 16 ubd slots; QEMU: Azure's 64 LUNs).
  virtual int max_data_disks() const = 0;
  /// The RAM a guest gets for a VM size's `requested` MiB (UML caps it): two sizes with the same
  /// answer boot the same machine, so a pre-booted spare (spare_pool.hpp) fits both.
  virtual int guest_memory_mb(int requested) const { return requested; }

  /// Creates or grows the OS disk image and does whatever the platform does to a stopped OS disk
  /// (UML: a requested ADE OS-volume encryption). Returns whether the image is LUKS; throws
  /// std::runtime_error when this hypervisor cannot boot it.
  virtual bool prepare_os_disk(const OsDiskPrep& prep) = 0;
  /// Whether restart() must power-cycle instead of rebooting inside the guest, so that
  /// prepare_os_disk sees the stopped image (UML with Azure Disk Encryption).
  virtual bool restart_needs_power_cycle(const std::string& os_disk, bool has_bek_volume) = 0;

  /// Starts the guest and returns once its agent said "ready". Throws std::runtime_error (with
  /// the console's last lines) when it does not come up; nothing is left running then.
  virtual std::unique_ptr<Guest> boot(const MachineLaunch& launch) = 0;
};

}  // namespace azemu::vm
