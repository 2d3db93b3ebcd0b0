#include "vm-sim/machine/guest_process.hpp"

#include "vm-sim/machine/guest_group_guard.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <sched.h>
#include <stdexcept>
#include <sys/syscall.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace azemu::vm {

namespace {
// Through syscall(2): glibc 2.36's <sys/pidfd.h> lacks C linkage for C++ callers.
int pidfd_open(pid_t pid, unsigned flags) { return static_cast<int>(syscall(SYS_pidfd_open, pid, flags)); }
int pidfd_send_signal(int pidfd, int sig, siginfo_t* info, unsigned flags) {
  return static_cast<int>(syscall(SYS_pidfd_send_signal, pidfd, sig, info, flags));
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 255;
}

/// The child side of fork(): only async-signal-safe calls until exec.
[[noreturn]] void exec_child(const SpawnOptions& o, char* const* argv, char* const* envp) {
  sigset_t all;
  sigemptyset(&all);
  sigprocmask(SIG_SETMASK, &all, nullptr);
  setpgid(0, o.join_group);
  // If azemu dies, its guests go with it instead of running on unsupervised.
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (o.netns_fd >= 0 && setns(o.netns_fd, CLONE_NEWNET) != 0) _exit(126);
  // Move the sources out of the way first so a target fd never clobbers a later source.
  int moved[64];
  int n = 0;
  for (auto& [target, source] : o.fds) {
    if (n >= 64) break;
    moved[n++] = fcntl(source, F_DUPFD_CLOEXEC, 100);
  }
  // Nothing of azemu's crosses exec but what the options name: not its listening sockets (a guest
  // outliving azemu would keep the port), connections, database files or keys.
  close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
  if (!o.fds.count(0)) {
    int devnull = open("/dev/null", O_RDWR);
    dup2(devnull, 0);
  }
  n = 0;
  for (auto& [target, source] : o.fds) {
    if (n >= 64) break;
    dup2(moved[n++], target);  // dup2 clears CLOEXEC on the target
  }
  execve(argv[0], argv, envp);
  _exit(127);
}
}  // namespace

GuestProcess GuestProcess::spawn(const SpawnOptions& o) {
  std::vector<char*> argv, envp;
  for (auto& a : o.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (auto& e : o.env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  if (pid == 0) exec_child(o, argv.data(), envp.data());
  // Also from the parent: whichever of the two runs first, the group exists before exec.
  setpgid(pid, o.join_group ? o.join_group : pid);
  GuestProcess p;
  p.pid_ = pid;
  if (!o.join_group) {
    p.leads_group_ = true;
    group_guard::watch(pid);
  }
  p.pidfd_ = pidfd_open(pid, 0);
  if (p.pidfd_ < 0) {
    kill(pid, SIGKILL);
    p.reap();
    throw std::runtime_error(std::string("pidfd_open failed: ") + std::strerror(errno));
  }
  return p;
}

GuestProcess::GuestProcess(GuestProcess&& other) noexcept { *this = std::move(other); }

GuestProcess& GuestProcess::operator=(GuestProcess&& other) noexcept {
  if (this != &other) {
    if (pidfd_ >= 0) close(pidfd_);
    pid_ = other.pid_;
    pidfd_ = other.pidfd_;
    leads_group_ = other.leads_group_;
    exit_status_ = other.exit_status_;
    other.pid_ = -1;
    other.pidfd_ = -1;
  }
  return *this;
}

GuestProcess::~GuestProcess() {
  if (pid_ > 0 && !exit_status_) poll_exited();
  if (pidfd_ >= 0) close(pidfd_);
}

void GuestProcess::reap() {
  int status = 0;
  pid_t r;
  do r = waitpid(pid_, &status, 0);
  while (r < 0 && errno == EINTR);
  exit_status_ = r == pid_ ? decode_status(status) : 255;
  ended();
}

void GuestProcess::ended() {
  if (leads_group_) group_guard::forget(pid_);
}

bool GuestProcess::poll_exited() {
  if (pid_ <= 0) return true;
  if (exit_status_) return true;
  int status = 0;
  pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == pid_) exit_status_ = decode_status(status);
  else if (r < 0 && errno == ECHILD) exit_status_ = 255;  // reaped elsewhere (a sweep)
  if (exit_status_) ended();
  return exit_status_.has_value();
}

bool GuestProcess::wait_until(std::chrono::steady_clock::time_point deadline) {
  while (!poll_exited()) {
    int timeout = -1;
    if (deadline != std::chrono::steady_clock::time_point::max()) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      timeout = static_cast<int>(left.count());
    }
    pollfd p{pidfd_, POLLIN, 0};
    int n = poll(&p, 1, timeout);
    if (n < 0 && errno != EINTR) return poll_exited();
  }
  return true;
}

void GuestProcess::signal(int signo) const {
  if (pidfd_ >= 0 && !exit_status_) pidfd_send_signal(pidfd_, signo, nullptr, 0);
}

void sweep_process_group(pid_t pgid) {
  if (pgid <= 0) return;
  kill(-pgid, SIGKILL);
  group_guard::forget(pgid);
  // Our children and reparented orphans of the group: reap them all (SIGKILL cannot be ignored,
  // so each waitpid returns promptly). Members that are not ours are reaped by their parent.
  for (;;) {
    int status;
    pid_t r = waitpid(-pgid, &status, 0);
    if (r > 0) continue;
    if (r < 0 && errno == EINTR) continue;
    break;  // ECHILD: none of ours left in the group
  }
}

void become_subreaper() { prctl(PR_SET_CHILD_SUBREAPER, 1); }

std::string find_program(const std::string& name) {
  if (name.find('/') != std::string::npos) return name;
  for (const char* dir : {"/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin", "/usr/local/sbin"}) {
    std::string path = std::string(dir) + "/" + name;
    if (access(path.c_str(), X_OK) == 0) return path;
  }
  throw std::runtime_error(name + " not found (install it; docker/dev.sh lists the packages)");
}

int run_tool(const std::vector<std::string>& argv, int log_fd, int netns_fd) {
  SpawnOptions o;
  o.argv = argv;
  o.argv[0] = find_program(argv[0]);
  o.env = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C"};
  int devnull = log_fd >= 0 ? -1 : open("/dev/null", O_WRONLY | O_CLOEXEC);
  o.fds = {{1, log_fd >= 0 ? log_fd : devnull}, {2, log_fd >= 0 ? log_fd : devnull}};
  o.netns_fd = netns_fd;
  auto p = GuestProcess::spawn(o);
  if (devnull >= 0) close(devnull);
  p.wait_until(std::chrono::steady_clock::time_point::max());
  return *p.exit_status();
}

}  // namespace azemu::vm
