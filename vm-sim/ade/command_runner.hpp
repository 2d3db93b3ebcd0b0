// Running the guest's tools (cryptsetup, e2fsck, resize2fs, mount, umount) for the ADE handler.
// The interface lets unit tests record the command sequence instead of touching real disks.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace azemu::vm::ade {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr interleaved
};

class CommandRunner {
 public:
  virtual ~CommandRunner() = default;
  /// Runs argv[0] (searched in PATH) and waits. `on_line` sees each output line as it arrives.
  virtual CommandResult run(const std::vector<std::string>& argv,
                            const std::function<void(const std::string&)>& on_line = {}) = 0;
};

/// fork/exec with a pipe; PATH gets the sbin directories added.
class ProcessRunner : public CommandRunner {
 public:
  CommandResult run(const std::vector<std::string>& argv, const std::function<void(const std::string&)>& on_line) override;
};

}  // namespace azemu::vm::ade
