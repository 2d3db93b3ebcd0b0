#include "emulator/app/vm_command.hpp"

#include "emulator/app/services.hpp"

#include "vm-sim/machine/vm_record.hpp"

#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace azemu::app {

VmCommand::VmCommand(CLI::App& app, std::string& data_dir) : data_dir_(data_dir) {
  vm_ = app.add_subcommand("vm", "VM guests: serial console, disks and their encryption");
  vm_->require_subcommand(1);
  console_ = vm_->add_subcommand("console", "attach to a running VM's serial console (Ctrl-] leaves)");
  console_->add_option("name", name_, "the VM's name")->required();
  console_->add_option("-g,--resource-group", group_, "the VM's resource group, when the name is ambiguous");
  console_->add_option("--data-dir", data_dir, "state directory of the running azemu")->capture_default_str();
  disks_ = vm_->add_subcommand("disks", "a VM's disks: LUKS header, BEK secret, KEK and their audit records");
  disks_->add_option("name", name_, "the VM's name")->required();
  disks_->add_option("-g,--resource-group", group_, "the VM's resource group, when the name is ambiguous");
  disks_->add_option("--subscription", subscription_, "the VM's subscription id, when the name is ambiguous");
  disks_->add_flag("--json", json_, "the report as JSON (as GET /_azemu/vms/NAME/disks)");
  disks_->add_option("--data-dir", data_dir, "state directory (azemu may be running)")->capture_default_str();
}

int VmCommand::run() const {
  if (disks_->parsed()) {
    Config config;
    config.data_dir = data_dir_;
    return print_vm_disks(config, {name_, group_, subscription_}, json_);
  }
  std::string dir;
  try {
    dir = vm::find_vm_dir(std::filesystem::absolute(data_dir_).string(), name_, group_);
  } catch (const std::exception& e) {
    std::cerr << "azemu vm console: " << e.what() << "\n";
    return 1;
  }
  std::string socket = dir + "/console.sock";
  if (!std::filesystem::exists(socket)) {
    std::cerr << "azemu vm console: " << name_ << " is not running\n";
    return 1;
  }
  bool tty = isatty(0);
  if (tty) std::cerr << "Connected to " << name_ << "'s serial console. Press Enter for a prompt, Ctrl-] to leave.\n";
  // socat bridges the terminal (raw, so the guest's line editing works) and the console socket;
  // without a terminal it copies stdin and waits 2 s for the answer after stdin ends (scripts).
  std::string local = tty ? "-,raw,echo=0,escape=0x1d" : "-";
  std::string remote = "UNIX-CONNECT:" + socket;
  execlp("socat", "socat", "-t2", local.c_str(), remote.c_str(), static_cast<char*>(nullptr));
  std::cerr << "azemu vm console: cannot run socat (apt-get install socat)\n";
  return 1;
}

}  // namespace azemu::app
