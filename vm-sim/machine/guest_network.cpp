#include "vm-sim/machine/guest_network.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <netinet/in.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace azemu::vm {

namespace {
std::vector<std::string> socat_env() { return {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C"}; }
}  // namespace

GuestNetwork::GuestNetwork(std::string ns_name, std::string socket_dir, int log_fd)
    : ns_(std::move(ns_name)), socket_dir_(std::move(socket_dir)), log_fd_(log_fd) {
  run_tool({"ip", "netns", "delete", ns_}, log_fd_);  // a namespace left by a crashed azemu
  if (run_tool({"ip", "netns", "add", ns_}, log_fd_) != 0)
    throw std::runtime_error("cannot create network namespace " + ns_ + " (needs CAP_NET_ADMIN)");
  std::string batch = socket_dir_ + "/netns.batch";
  std::ofstream(batch) << "link set lo up\n"
                          "tuntap add dev tap0 mode tap\n"
                          "addr add 10.0.2.2/24 dev tap0\n"
                          "link set tap0 up\n";
  int rc = run_tool({"ip", "-netns", ns_, "-batch", batch}, log_fd_);
  std::filesystem::remove(batch);
  netns_fd_ = open(("/run/netns/" + ns_).c_str(), O_RDONLY | O_CLOEXEC);
  if (rc != 0 || netns_fd_ < 0) {
    run_tool({"ip", "netns", "delete", ns_}, log_fd_);
    if (netns_fd_ >= 0) close(netns_fd_);
    throw std::runtime_error("cannot create tap0 in " + ns_ + " (needs /dev/net/tun)");
  }
}

GuestNetwork::~GuestNetwork() {
  if (netns_fd_ >= 0) close(netns_fd_);
  run_tool({"ip", "netns", "delete", ns_}, log_fd_);
}

std::vector<GuestProcess> GuestNetwork::start_relays(pid_t pgid, int ssh_port, const std::vector<PortForward>& to_host) const {
  const std::string socat = find_program("socat");
  std::vector<GuestProcess> relays;
  auto spawn = [&](std::vector<std::string> args, bool in_namespace) {
    SpawnOptions o;
    o.argv = {socat, "-lf/dev/null"};
    o.argv.insert(o.argv.end(), args.begin(), args.end());
    o.env = socat_env();
    o.join_group = pgid;
    o.netns_fd = in_namespace ? netns_fd_ : -1;
    if (log_fd_ >= 0) o.fds = {{1, log_fd_}, {2, log_fd_}};
    relays.push_back(GuestProcess::spawn(o));
  };
  if (ssh_port > 0) {
    std::string sock = socket_dir_ + "/ssh.sock";
    spawn({"UNIX-LISTEN:" + sock + ",fork,unlink-early", "TCP:10.0.2.15:22,nodelay"}, true);
    spawn({"TCP-LISTEN:" + std::to_string(ssh_port) + ",bind=127.0.0.1,fork,reuseaddr,nodelay", "UNIX-CONNECT:" + sock},
          false);
  }
  for (const auto& f : to_host) {
    std::string sock = socket_dir_ + "/host-" + std::to_string(f.guest_port) + ".sock";
    spawn({"UNIX-LISTEN:" + sock + ",fork,unlink-early", "TCP:127.0.0.1:" + std::to_string(f.host_port) + ",nodelay"},
          false);
    spawn({"TCP-LISTEN:" + std::to_string(f.guest_port) + ",bind=10.0.2.2,fork,reuseaddr,nodelay",
           "UNIX-CONNECT:" + sock},
          true);
  }
  return relays;
}

int free_loopback_port(int preferred) {
  int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (s < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(preferred));
  if (preferred <= 0 || bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    a.sin_port = 0;
    if (bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      close(s);
      throw std::runtime_error(std::string("bind: ") + std::strerror(errno));
    }
  }
  socklen_t len = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  close(s);
  return ntohs(a.sin_port);
}

}  // namespace azemu::vm
