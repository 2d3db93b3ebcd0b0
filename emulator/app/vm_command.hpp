// `azemu vm console NAME [-g GROUP]`: attaches the terminal to a running VM's serial console
// (a root shell on the guest's ttyS0; vm-sim keeps its host end as <data-dir>/vms/<id>/console.sock).
// Ctrl-] leaves.
// `azemu vm disks NAME [-g GROUP] [--json]`: the VM's disks with their LUKS headers, BEK secret,
// KEK and the audit records that touched them (services.cpp print_vm_disks; azemu may be running).
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace azemu::app {

class VmCommand {
 public:
  /// Registers `vm` and its subcommands on `app`; `--data-dir` is parsed into `data_dir`.
  VmCommand(CLI::App& app, std::string& data_dir);
  VmCommand(const VmCommand&) = delete;
  VmCommand& operator=(const VmCommand&) = delete;

  bool selected() const { return vm_->parsed(); }
  /// Runs the subcommand; returns the exit code (console only returns on errors: it execs socat).
  int run() const;

 private:
  CLI::App* vm_;
  CLI::App* console_;
  CLI::App* disks_;
  std::string subscription_;
  bool json_ = false;
  const std::string& data_dir_;
  std::string name_;
  std::string group_;
};

}  // namespace azemu::app
