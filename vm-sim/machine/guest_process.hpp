// One host process that belongs to a guest (the UML kernel or QEMU, a relay), started with fork/exec into
// a chosen process group and, optionally, network namespace. Exits are awaited on a pidfd (poll
// with a deadline: no sleeps). Every process of one VM shares the UML process's group, so a
// final kill(-pgid) sweeps helpers UML forked itself (research/uml-guest.md §5.2); every group a
// spawn creates is registered with group_guard, so it dies with azemu even after a kill -9.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace azemu::vm {

struct SpawnOptions {
  std::vector<std::string> argv;             // argv[0] is the program path
  std::vector<std::string> env;              // the whole environment ("K=V")
  std::map<int, int> fds;                    // child fd -> parent fd to dup2 there (stdin defaults to /dev/null)
  pid_t join_group = 0;                      // 0: lead a new process group
  int netns_fd = -1;                         // setns() into this network namespace before exec
};

class GuestProcess {
public:
  /// Throws std::runtime_error when fork or pidfd_open fails; an exec failure shows as exit 127.
  static GuestProcess spawn(const SpawnOptions& options);

  GuestProcess() = default;
  GuestProcess(GuestProcess&& other) noexcept;
  GuestProcess& operator=(GuestProcess&& other) noexcept;
  GuestProcess(const GuestProcess&) = delete;
  GuestProcess& operator=(const GuestProcess&) = delete;
  ~GuestProcess();  // reaps if already exited; never kills (owners decide)

  pid_t pid() const { return pid_; }
  int pidfd() const { return pidfd_; }
  bool running() const { return pid_ > 0 && !exit_status_; }
  std::optional<int> exit_status() const { return exit_status_; }

  /// True once the process has exited (and was reaped) before `deadline`.
  bool wait_until(std::chrono::steady_clock::time_point deadline);
  /// Non-blocking check; reaps when exited.
  bool poll_exited();
  void signal(int signo) const;

private:
  void reap();
  void ended();  // the process was reaped: its group (if it led one) is no longer guarded
  pid_t pid_ = -1;
  bool leads_group_ = false;  // spawned into a new group, registered with group_guard
  int pidfd_ = -1;
  std::optional<int> exit_status_;
};

/// SIGKILLs every process in group `pgid` and reaps those that are our children (or orphans
/// reparented to us as subreaper). Returns when none is left.
void sweep_process_group(pid_t pgid);

/// Makes this process the reaper of orphaned descendants (UML helpers whose parent was killed).
void become_subreaper();

/// The absolute path of a program (searched in the system directories); throws when missing.
std::string find_program(const std::string& name);

/// Runs a program to completion (no shell); returns its exit code. Output goes to `log_fd`, or
/// nowhere when it is -1.
int run_tool(const std::vector<std::string>& argv, int log_fd = -1, int netns_fd = -1);

}  // namespace azemu::vm
