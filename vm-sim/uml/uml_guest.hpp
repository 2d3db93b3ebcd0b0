// One running user-mode Linux guest (a Guest of vm-sim/machine/hypervisor.hpp): the `linux`
// process in its own process group (plus the relays of its network), the agent channel on a
// socketpair, the console log, the mconsole, and hot-plug through it (`config ubdN=`, `remove ubdN`).
// Boot returns when the agent said "ready" (no polling, no sleeps); shutdown follows
// research/uml-guest.md §5.3: agent poweroff, mconsole sysrq s + halt, SIGTERM, then a SIGKILL
// sweep of the whole group, so nothing outlives the guest.
#pragma once

#include "vm-sim/machine/control_channel.hpp"
#include "vm-sim/machine/guest_network.hpp"
#include "vm-sim/machine/guest_process.hpp"
#include "vm-sim/machine/hypervisor.hpp"
#include "vm-sim/machine/timeouts.hpp"

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace azemu::vm {

/// UML has 16 ubd slots: the last one (/dev/ubdp, /dev/sdp) is the BEK volume's, so it never
/// collides with a data disk.
inline constexpr int kBekUbd = 15;

struct GuestLaunch {
  std::string kernel;                 // /usr/bin/linux.uml
  std::string preload;                // LD_PRELOAD for it (xstate_shim), may be empty
  std::string vm_dir;                 // <data-dir>/vms/<vm_id>: console.log, uml/, sockets
  std::string umid;                   // UML's machine id (names uml/<umid>/mconsole)
  int memory_mb = 256;
  std::vector<std::string> ubd;       // "ubd0=/path/os.img", "ubd2=/path/d.img,,lun0" (serial = LUN)
  std::map<int, int> ubd_of_lun;      // data disk LUN -> its ubd index in `ubd`
  bool bek_volume = false;            // `ubd` holds the BEK volume at kBekUbd
  std::string initrd;                 // initramfs to boot through (LUKS OS disk), empty: none
  std::vector<std::string> kernel_args;  // extra kernel command line words ("cryptroot=/dev/ubda")
  std::string netns;                  // "" = no network
  int ssh_port = 0;                   // host loopback port for sshd (0 = none)
  std::vector<PortForward> to_host;   // guest 10.0.2.2:<guest_port> -> host 127.0.0.1:<host_port>
  std::chrono::seconds boot_timeout{60};
  Timeouts timeouts;                  // for the hot-plug requests to the agent
};

class UmlGuest final : public Guest {
public:
  using Clock = std::chrono::steady_clock;

  /// Starts the guest and waits for its agent. Throws std::runtime_error (with the console's last
  /// lines) when it does not come up; nothing is left running then. When this boot's console has an
  /// "ADE-BOOT-FAILURE: <reason>" line (the initramfs could not unlock the OS disk, and powered
  /// off), the message starts with that line.
  static std::unique_ptr<UmlGuest> boot(const GuestLaunch& launch);
  ~UmlGuest() override;  // force-stops a guest still running

  ControlChannel& channel() override { return *channel_; }
  bool alive() override;
  int ssh_port() const override { return network_ ? launch_.ssh_port : 0; }

  /// A real reboot: the agent reboots the kernel, UML re-executes itself in the same process
  /// group; returns when the new boot's agent is ready.
  void reboot() override;
  /// Clean shutdown with `grace` for the guest to power off, then force. Idempotent.
  void shutdown(std::chrono::milliseconds grace) override;
  /// One mconsole command ("config ubd3=...", "remove ubd3"); throws when UML refuses.
  std::string mconsole(const std::string& command);

  /// UML's runtime `config` takes no serial: the agent's "disks" request tells it the LUN.
  void attach_data_disk(int lun, const std::string& path) override;
  /// `remove ubdN` fails while the guest has the disk open (mounted, dm-crypt).
  void detach_data_disk(int lun) override;
  void replace_bek_volume(const std::string& path, const std::function<void()>& swap_file) override;

  UmlGuest(const UmlGuest&) = delete;
  UmlGuest& operator=(const UmlGuest&) = delete;

private:
  explicit UmlGuest(GuestLaunch launch)
      : launch_(std::move(launch)), ubd_of_lun_(launch_.ubd_of_lun), bek_attached_(launch_.bek_volume) {}
  std::string console_tail() const;
  /// The first "ADE-BOOT-FAILURE: ..." line this boot wrote to the console, or "".
  std::string boot_failure() const;
  void release();  // after the process group is gone: channel, namespace, files

  GuestLaunch launch_;
  int log_fd_ = -1;
  std::uintmax_t console_start_ = 0;  // console.log size when this boot began
  std::unique_ptr<GuestNetwork> network_;
  std::unique_ptr<ControlChannel> channel_;
  std::optional<GuestProcess> uml_;
  std::vector<GuestProcess> relays_;
  bool released_ = false;
  std::map<int, int> ubd_of_lun_;  // data disk LUN -> ubd index, as hot-plug changes it
  bool bek_attached_ = false;      // ubd15 holds the BEK volume
};

}  // namespace azemu::vm
