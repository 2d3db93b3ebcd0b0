// `azemu ca | time | faults | metrics`: the control API (control_routes.hpp) from the command line.
//   azemu ca [--data-dir D]                      the CA certificate (PEM) to trust; works offline
//   azemu time [show | advance 91d | set ISO]    azemu's clock (soft-delete purge dates, exp/nbf, tokens follow it)
//   azemu faults add RULE_JSON | list | clear    fault rules (http/fault_rules.hpp), with hit counts
//   azemu metrics                                the Prometheus page
//   azemu reset [--keep-identities]              back to a fresh cloud without a restart
//   azemu seed FILE                              apply a seed document (emulator/seed/seed_document.hpp)
//   azemu snapshot save|restore|delete NAME | list   the whole cloud kept under <data-dir>/snapshots/NAME
// All but `ca` talk to the running server at --listen over plain HTTP, sending --admin-token (or
// AZEMU_ADMIN_TOKEN) when azemu was started with one; `snapshot` and `seed` fall back to the --data-dir itself
// when no server answers (services.hpp snapshot_offline).
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace azemu::app {

class ControlCommand {
public:
  ControlCommand(CLI::App& app, std::string& listen, std::string& data_dir);
  ControlCommand(const ControlCommand&) = delete;
  ControlCommand& operator=(const ControlCommand&) = delete;

  bool selected() const;
  /// Prints the answer; returns 0, or 1 when azemu refused (its error body goes to stderr).
  int run() const;

private:
  CLI::App* ca_;
  CLI::App* time_;
  CLI::App* faults_;
  CLI::App* metrics_;
  CLI::App* reset_;
  CLI::App* snapshot_;
  CLI::App* seed_;
  bool keep_identities_ = false;
  std::string& listen_;
  std::string& data_dir_;
  std::string action_;
  std::string argument_;
  std::string admin_token_;
};

}  // namespace azemu::app
