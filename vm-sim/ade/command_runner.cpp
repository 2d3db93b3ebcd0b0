// Child processes for the handler: blocking, which is fine in the handler's own process.
#include "vm-sim/ade/command_runner.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace azemu::vm::ade {

CommandResult ProcessRunner::run(const std::vector<std::string>& argv, const std::function<void(const std::string&)>& on_line) {
  CommandResult result;
  int fds[2];
  if (argv.empty() || pipe2(fds, O_CLOEXEC) != 0) return result;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    int null = open("/dev/null", O_RDONLY);
    dup2(null, 0);
    std::string path = std::string("/usr/sbin:/usr/bin:/sbin:/bin") + (std::getenv("PATH") ? std::string(":") + std::getenv("PATH") : "");
    setenv("PATH", path.c_str(), 1);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    dprintf(2, "cannot run %s: %s\n", args[0], std::strerror(errno));
    _exit(127);
  }
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    return result;
  }
  char buf[4096];
  std::string pending;
  for (;;) {
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    result.output.append(buf, static_cast<std::size_t>(n));
    pending.append(buf, static_cast<std::size_t>(n));
    std::size_t nl;
    while ((nl = pending.find_first_of("\r\n")) != std::string::npos) {
      if (on_line && nl > 0) on_line(pending.substr(0, nl));
      pending.erase(0, nl + 1);
    }
  }
  if (on_line && !pending.empty()) on_line(pending);
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace azemu::vm::ade
