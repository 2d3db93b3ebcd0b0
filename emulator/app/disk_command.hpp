// `azemu disk inspect FILE [--json]`, `azemu disk test-passphrase FILE` and `azemu disk encrypt FILE`:
// the disk engine on the command line, for teaching and debugging (look inside a VM's disk image
// without a guest; encrypt a stopped VM's data disk image in place, as bench/disk_encrypt.sh does).
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace azemu::app {

class DiskCommand {
 public:
  /// Registers `disk` and its subcommands on `app`. Keep the object alive until parsing is done.
  explicit DiskCommand(CLI::App& app);
  DiskCommand(const DiskCommand&) = delete;
  DiskCommand& operator=(const DiskCommand&) = delete;

  bool selected() const { return disk_->parsed(); }
  /// Runs the chosen subcommand; returns the process exit code (test-passphrase: 0 opened,
  /// 2 wrong passphrase as cryptsetup, 1 other errors).
  int run() const;

 private:
  CLI::App* disk_;
  CLI::App* inspect_;
  CLI::App* test_passphrase_;
  CLI::App* encrypt_;
  std::string file_;
  bool json_ = false;
  bool quiet_ = false;
};

}  // namespace azemu::app
