// The guest group watcher; see guest_group_guard.hpp.
#include "vm-sim/machine/guest_group_guard.hpp"

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <fcntl.h>
#include <linux/close_range.h>
#include <mutex>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace azemu::vm::group_guard {

namespace {

// One record per message: +pgid registers, -pgid forgets. A SEQPACKET socket pair keeps records
// whole and lets the sender use MSG_NOSIGNAL (a pipe would raise SIGPIPE if the watcher were gone).
using Record = std::int32_t;
constexpr std::size_t kMaxGroups = 16384;

// The watcher's table lives in static storage: after fork() in a threaded process the child may
// only make async-signal-safe calls (no allocation).
pid_t g_groups[kMaxGroups];

/// The watcher: async-signal-safe calls only (fork from a multi-threaded process).
[[noreturn]] void watch_until_eof(int rfd) {
  struct sigaction ignore{};
  ignore.sa_handler = SIG_IGN;
  // A Ctrl-C reaches the whole foreground group: azemu stops its guests itself then, and the
  // watcher must outlive it to catch what is left.
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE}) sigaction(sig, &ignore, nullptr);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  prctl(PR_SET_NAME, "azemu-guard");
  // Hold nothing of azemu's: not its listening sockets, not azemu's end of the pair (or EOF never comes).
  if (rfd > 0) close_range(0, static_cast<unsigned>(rfd) - 1, 0);
  close_range(static_cast<unsigned>(rfd) + 1, ~0U, 0);

  std::size_t count = 0;
  for (;;) {
    Record r = 0;
    ssize_t got = read(rfd, &r, sizeof r);
    if (got < 0 && errno == EINTR) continue;
    if (got != static_cast<ssize_t>(sizeof r)) break;  // EOF: azemu is gone
    if (r > 0) {
      if (count < kMaxGroups) g_groups[count++] = r;
    } else {
      for (std::size_t i = 0; i < count; ++i)
        if (g_groups[i] == -r) {
          g_groups[i] = g_groups[--count];
          break;
        }
    }
  }
  for (std::size_t i = 0; i < count; ++i) kill(-g_groups[i], SIGKILL);
  _exit(0);
}

std::mutex g_mutex;
int g_write_fd = -1;
bool g_started = false;

void start_locked() {
  g_started = true;
  int p[2];
  // CLOEXEC: no guest or tool may inherit azemu's end, or the watcher would wait for it too.
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, p) != 0) return;
  pid_t pid = fork();
  if (pid == 0) watch_until_eof(p[0]);
  close(p[0]);
  if (pid < 0) {
    close(p[1]);
    return;
  }
  g_write_fd = p[1];
}

void send(Record r) {
  std::lock_guard lock(g_mutex);
  if (!g_started) start_locked();
  if (g_write_fd < 0) return;
  // The watcher only ends after azemu; if someone killed it, the send fails quietly.
  ssize_t ignored = ::send(g_write_fd, &r, sizeof r, MSG_NOSIGNAL);
  (void)ignored;
}

}  // namespace

void watch(pid_t pgid) {
  if (pgid > 0) send(static_cast<Record>(pgid));
}

void forget(pid_t pgid) {
  if (pgid > 0) send(-static_cast<Record>(pgid));
}

}  // namespace azemu::vm::group_guard
