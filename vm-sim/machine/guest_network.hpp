// The guest's network: a private network namespace holding tap0 (10.0.2.2/24, the guest is
// 10.0.2.15), and socat relays over unix sockets between that namespace and host loopback
// (research/uml-guest.md §1.4, the recommended path: fastest, and nothing listens outside
// 127.0.0.1). The guest can reach exactly the forwarded host ports and nothing else:
//   guest 10.0.2.2:<guest_port>  ->  host 127.0.0.1:<host_port>   (azemu's HTTPS for the ADE handler)
//   host 127.0.0.1:<ssh_port>    ->  guest 10.0.2.15:22            (dropbear, `ssh -p <ssh_port> user@127.0.0.1`)
// Needs CAP_NET_ADMIN and /dev/net/tun; without them the VM boots without a network. QEMU guests
// use QEMU's own user networking instead and take only PortForward and free_loopback_port from here.
#pragma once

#include "vm-sim/machine/guest_process.hpp"

#include <string>
#include <utility>
#include <vector>

namespace azemu::vm {

struct PortForward {
  int guest_port;  // on 10.0.2.2 inside the guest's view
  int host_port;   // on 127.0.0.1
};

class GuestNetwork {
public:
  /// Creates the namespace and tap device. Throws std::runtime_error when that is impossible.
  GuestNetwork(std::string ns_name, std::string socket_dir, int log_fd);
  ~GuestNetwork();  // deletes the namespace (relays belong to the VM's process group)
  GuestNetwork(const GuestNetwork&) = delete;
  GuestNetwork& operator=(const GuestNetwork&) = delete;

  int netns_fd() const { return netns_fd_; }
  /// UML's kernel argument for the guest's eth0.
  std::string uml_eth0() const { return "eth0=tuntap,tap0"; }

  /// Starts the relays as members of process group `pgid`; returns their processes.
  std::vector<GuestProcess> start_relays(pid_t pgid, int ssh_port, const std::vector<PortForward>& to_host) const;

private:
  std::string ns_;
  std::string socket_dir_;
  int log_fd_;
  int netns_fd_ = -1;
};

/// A currently free TCP port on 127.0.0.1, preferring `preferred` when it is free.
int free_loopback_port(int preferred = 0);

}  // namespace azemu::vm
