#include "vm-sim/uml/mconsole.hpp"

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <poll.h>
#include <stdexcept>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace azemu::vm {

namespace {
// arch/um/include/shared/mconsole.h
constexpr std::uint32_t kMagic = 0xcafebabe;
constexpr std::uint32_t kVersion = 2;
constexpr std::size_t kMaxData = 512;

struct Request {
  std::uint32_t magic;
  std::uint32_t version;
  std::uint32_t len;
  char data[kMaxData];
};

struct Reply {
  std::uint32_t err;
  std::uint32_t more;
  std::uint32_t len;
  char data[kMaxData];
};

/// A unix socket address for `path`. sun_path holds 107 characters and data dirs can be deeper
/// (a VM's folder alone adds ~70): a longer path is reached through its directory, opened O_PATH and
/// named /proc/self/fd/N/<file>, which the kernel resolves like the full path. The holder keeps
/// that directory open while the address is in use.
struct UnixAddress {
  sockaddr_un a{};
  int dir_fd = -1;
  explicit UnixAddress(const std::string& path) {
    a.sun_family = AF_UNIX;
    std::string name = path;
    if (path.size() >= sizeof a.sun_path) {
      auto slash = path.rfind('/');
      dir_fd = slash == std::string::npos ? -1 : open(path.substr(0, slash).c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
      if (dir_fd < 0) throw std::runtime_error("socket path too long: " + path);
      name = "/proc/self/fd/" + std::to_string(dir_fd) + path.substr(slash);
      if (name.size() >= sizeof a.sun_path) throw std::runtime_error("socket path too long: " + path);
    }
    std::memcpy(a.sun_path, name.c_str(), name.size() + 1);
  }
  ~UnixAddress() {
    if (dir_fd >= 0) close(dir_fd);
  }
  UnixAddress(const UnixAddress&) = delete;
  UnixAddress& operator=(const UnixAddress&) = delete;
};

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};
}  // namespace

MconsoleReply mconsole_command(const std::string& socket_path, const std::string& reply_dir, const std::string& command,
                               std::chrono::milliseconds timeout) {
  if (command.size() >= kMaxData) throw std::runtime_error("mconsole command too long");
  static std::atomic<unsigned> counter{0};
  std::string reply_path = reply_dir + "/mc-" + std::to_string(getpid()) + "-" + std::to_string(counter++);
  Fd s{socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)};
  if (s.fd < 0) throw std::runtime_error(std::string("mconsole socket: ") + std::strerror(errno));
  UnixAddress local(reply_path);
  unlink(reply_path.c_str());
  if (bind(s.fd, reinterpret_cast<sockaddr*>(&local.a), sizeof local.a) != 0)
    throw std::runtime_error(std::string("mconsole bind: ") + std::strerror(errno));
  struct Unlink {
    std::string p;
    ~Unlink() { unlink(p.c_str()); }
  } cleanup{reply_path};

  Request req{};
  req.magic = kMagic;
  req.version = kVersion;
  req.len = static_cast<std::uint32_t>(command.size());
  std::memcpy(req.data, command.data(), command.size());
  UnixAddress remote(socket_path);
  if (sendto(s.fd, &req, sizeof req - kMaxData + command.size(), 0, reinterpret_cast<sockaddr*>(&remote.a), sizeof remote.a) < 0)
    throw std::runtime_error("mconsole " + socket_path + ": " + std::strerror(errno));

  MconsoleReply result;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd p{s.fd, POLLIN, 0};
    if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0)
      throw std::runtime_error("mconsole '" + command + "': no reply");
    Reply reply{};
    ssize_t n = recv(s.fd, &reply, sizeof reply, 0);
    if (n < 0) throw std::runtime_error(std::string("mconsole recv: ") + std::strerror(errno));
    result.ok = reply.err == 0;
    result.text.append(reply.data, std::min<std::size_t>(reply.len, kMaxData));
    if (!reply.more) return result;
  }
}

}  // namespace azemu::vm
