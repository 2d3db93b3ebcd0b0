// azemu-ade-handler: the Microsoft.Azure.Security/AzureDiskEncryptionForLinux extension handler the
// guest agent runs inside the VM (HandlerManifest.json commands: install, enable, disable,
// uninstall, update). It runs in the handler folder (or --handler-dir DIR), reads
// HandlerEnvironment.json and config/<seq>.settings, and writes status/<seq>.status.
//
// Reaching azemu: see vm-sim/ade/proxy_config.hpp (AZEMU_PROXY, /etc/waagent.conf, AZEMU_CA_FILE,
// /etc/azemu/ca.pem). AZEMU_ADE_ROOT moves every in-VM path (/var/lib/..., /etc/..., /proc/mounts)
// under a directory, for host tests.
#include "vm-sim/ade/command_runner.hpp"
#include "vm-sim/ade/encryption_daemon.hpp"
#include "vm-sim/ade/handler_context.hpp"
#include "vm-sim/ade/handler_run.hpp"
#include "vm-sim/ade/proxy_config.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>

namespace {

/// start_daemon: a detached child (own session) runs the daemon; enable returns at once, as the
/// extension's enable does, so the agent is never blocked by a long encryption.
void start_daemon(const azemu::vm::ade::HandlerRun& run) {
  pid_t pid = fork();
  if (pid != 0) {
    if (pid > 0) waitpid(pid, nullptr, 0);
    return;
  }
  if (fork() != 0) _exit(0);
  setsid();
  azemu::vm::ade::ProcessRunner runner;
  int rc = 1;
  try {
    rc = azemu::vm::ade::run_encryption_daemon(run, runner);
  } catch (const std::exception& e) {
    run.context().log(std::string("daemon failed: ") + e.what());
  }
  _exit(rc);
}

int usage() {
  std::cerr << "usage: azemu-ade-handler [--handler-dir DIR] install|enable|disable|uninstall|update\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace azemu::vm::ade;
  std::filesystem::path dir = std::filesystem::current_path();
  std::string command;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--handler-dir" && i + 1 < argc) dir = argv[++i];
    else if (command.empty()) command = a;
    else return usage();
  }
  // The agent's HandlerManifest runs "azemu-ade-handler -enable" style commands too (as ADE's shim does).
  while (!command.empty() && command[0] == '-') command.erase(0, 1);
  if (command == "install" || command == "uninstall" || command == "update" || command == "disable") {
    // Nothing to install (the binary is in the image); disable/uninstall leave encrypted volumes
    // encrypted, as the extension does (decryption is the DisableEncryption operation of enable).
    return 0;
  }
  if (command != "enable") return usage();
  try {
    HandlerContext ctx = HandlerContext::load(dir);
    HandlerPaths paths = HandlerPaths::from_environment();
    ProcessRunner runner;
    // 0.x: dual pass (AAD app, Key Vault calls); 1.x: single pass (handler_run.hpp).
    HandlerRun run(ctx, paths, load_proxy_config(paths), runner);
    run.set_daemon_starter(start_daemon);
    return run.enable();
  } catch (const std::exception& e) {
    std::cerr << "azemu-ade-handler: " << e.what() << std::endl;
    return 1;
  }
}
