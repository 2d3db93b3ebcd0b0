// fuzz_control_channel: the host end of the agent's serial line (vm-sim/machine/control_channel.cpp)
// and the replies the runtimes read back (vm-sim/machine/agent_requests.cpp), on what a guest sends:
// arbitrary bytes, partial lines, JSON of every shape. The input is written into the other end of a
// socketpair; byte 0 picks the call (drain, wait_ready, request, run-command, extension status)
// and whether the guest end is closed first. Oracle: the channel only throws std::runtime_error
// (its contract: callers turn it into a VM error); library exceptions would escape the runtime.
#include "vm-sim/machine/agent_requests.hpp"
#include "vm-sim/machine/control_channel.hpp"

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sys/socket.h>
#include <unistd.h>

namespace {
[[noreturn]] void finding(const char* why) {
  std::fprintf(stderr, "azemu fuzz finding: %s\n", why);
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::signal(SIGPIPE, SIG_IGN);  // a closed guest end must surface as EPIPE, as in the server
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0 || size > 65536) return 0;
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) finding("socketpair");
  std::size_t off = 1;
  while (off < size) {
    ssize_t n = ::write(fds[1], data + off, size - off);
    if (n <= 0) finding("write to the socketpair");
    off += static_cast<std::size_t>(n);
  }
  const int call = data[0] % 5;
  // run-command waits 90 minutes for its answer: the guest end is closed so the input is all there is.
  const bool closed = call == 3 || (data[0] / 5) % 2 == 1;
  if (closed) ::close(fds[1]);
  {
    azemu::vm::ControlChannel channel(fds[0]);
    const auto now = azemu::vm::ControlChannel::Clock::now();
    try {
      if (call == 0) channel.drain();
      if (call == 1) (void)channel.wait_ready(now, -1, "00000000-boot");
      if (call == 2) (void)channel.request({{"op", "ping"}}, now);
      if (call == 3) (void)azemu::vm::run_shell_script(channel, "echo hi");  // its deadline is far: input must answer
      if (call == 4) {
        auto report = azemu::vm::parse_extension_report(channel.request({{"op", "ext_status"}, {"name", "ade"}}, now));
        (void)nlohmann::json(report.code).dump();
        (void)report.substatus.dump();
      }
      (void)nlohmann::json(channel.seen().version).dump();  // what status reports show later
      (void)nlohmann::json(channel.seen().boot_id).dump();
    } catch (const std::runtime_error&) {
    } catch (const std::exception& e) {
      finding(e.what());
    }
  }
  if (!closed) ::close(fds[1]);
  return 0;
}
