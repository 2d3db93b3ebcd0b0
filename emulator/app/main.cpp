// azemu's command line: start | env | approve | audit | routes | disk | vm | version. Parsing only; the work lives in
// services.cpp (server) and env_command.cpp.
#include "emulator/app/config.hpp"
#include "emulator/app/control_command.hpp"
#include "emulator/app/disk_command.hpp"
#include "emulator/app/env_command.hpp"
#include "emulator/app/services.hpp"
#include "emulator/app/vm_command.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  using azemu::app::Config;
  CLI::App app{"azemu — a local, offline Azure (ARM, Entra ID, Graph, Key Vault) for az and the Azure SDKs"};
  app.require_subcommand(1);
  Config config;
  auto add_common = [&](CLI::App* cmd) {
    cmd->add_option("--listen", config.listen, "HOST:PORT to serve HTTPS and the proxy on")->capture_default_str()->envname("AZEMU_LISTEN");
    cmd->add_option("--data-dir", config.data_dir, "state directory (SQLite, CA, keys)")->capture_default_str()->envname("AZEMU_DATA_DIR");
    cmd->add_option("--cloud-base", config.cloud_base, "DNS base of cloud-mode host names")->capture_default_str()->envname("AZEMU_CLOUD_BASE");
  };

  auto* start = app.add_subcommand("start", "serve in the foreground until SIGTERM");
  add_common(start);
  start->add_option("--log-level", config.log_level, "debug|info|warn|error|off")->capture_default_str()->envname("AZEMU_LOG_LEVEL");
  // Fixed identities for CI configs; the same variables `azemu env` prints, so a restart keeps them.
  start->add_option("--tenant-id", config.identities.tenant_id, "the seeded tenant (first start only)")->envname("AZEMU_TENANT_ID");
  start->add_option("--subscription-id", config.identities.subscription_id, "the seeded subscription (first start only)")
      ->envname("AZEMU_SUBSCRIPTION_ID");
  start->add_option("--client-id", config.identities.client_id, "the bootstrap service principal's appId (first start only)")
      ->envname("AZEMU_CLIENT_ID");
  start->add_option("--client-secret", config.identities.client_secret, "its secret (first start only)")
      ->envname("AZEMU_CLIENT_SECRET");
  start->add_flag("--access-log", config.access_log, "one log line per request (off by default: it grows with traffic)")
      ->envname("AZEMU_ACCESS_LOG");
  start->add_option("--log-file", config.log_file, "write the log to this file (rotated by size) instead of stderr")
      ->envname("AZEMU_LOG_FILE");
  start->add_option("--log-max-mb", config.log_max_mb, "rotate the log file at this size")->capture_default_str()->envname("AZEMU_LOG_MAX_MB");
  start->add_option("--log-keep", config.log_keep, "rotated log files to keep")->capture_default_str()->envname("AZEMU_LOG_KEEP");
  start->add_option("--io-threads", config.io_threads, "socket threads (0: one per core)")->envname("AZEMU_IO_THREADS");
  start->add_flag("--test-controls", config.test_controls, "enable /_azemu/time (tests only)")->envname("AZEMU_TEST_CONTROLS");
  start->add_option("--admin-token", config.admin_token,
                    "require 'Authorization: Bearer TOKEN' on /_azemu/ (all but /_azemu/health); the azemu subcommands "
                    "send it from --admin-token or AZEMU_ADMIN_TOKEN")
      ->envname("AZEMU_ADMIN_TOKEN");
  start->add_option("--kv-throttling", config.kv_throttling,
                    "off | azure: Key Vault answers 429 past Azure's documented per-vault transaction limits")
      ->check(CLI::IsMember({"off", "azure"}))
      ->capture_default_str()
      ->envname("AZEMU_KV_THROTTLING");
  start->add_option("--seed", config.seed_file,
                    "apply this seed file (tenants, users, apps, groups, vaults, keys, secrets, role assignments; README "
                    "\"Seed a cloud\") before serving; idempotent, so every start may name it")
      ->envname("AZEMU_SEED")
      ->check(CLI::ExistingFile);
  start->add_option("--blocking-threads", config.blocking_threads, "store/crypto threads (0: one per core)")
      ->envname("AZEMU_BLOCKING_THREADS");
  start->add_option("--vm-runtime", config.vm_runtime,
                    "uml (a user-mode Linux guest per VM) | qemu (a QEMU guest per VM, Debian kernel; KVM or TCG) | "
                    "guestless (VMs are records) | auto (uml when installed)")
      ->check(CLI::IsMember({"auto", "uml", "qemu", "guestless"}))
      ->capture_default_str()
      ->envname("AZEMU_VM_RUNTIME");
  start->add_option("--warm-guests", config.warm_guests,
                    "keep N pre-booted spare guests (uml): a VM create of the default shape (1 core, 30 GiB OS "
                    "disk) takes one and is ready in under a second; each costs a running guest's memory")
      ->capture_default_str()
      ->envname("AZEMU_WARM_GUESTS");
  start->add_option("--lab", config.lab_file, "lab checklist (JSON) for the UI's lab page and GET /_azemu/lab")
      ->envname("AZEMU_LAB")
      ->check(CLI::ExistingFile);
  start->add_flag("--ui-console", config.ui_console, "let the UI (/ui/) type into VM serial consoles (read-only otherwise)")
      ->envname("AZEMU_UI_CONSOLE");

  std::string mode = "proxy", az_profile = "latest";
  auto* env = app.add_subcommand("env", "print export lines for eval \"$(azemu env)\"");
  add_common(env);
  env->add_option("--mode", mode, "proxy | cloud")->check(CLI::IsMember({"proxy", "cloud"}))->capture_default_str();
  env->add_option("--host", config.client_host,
                  "the name clients reach azemu by (a container network), for HTTPS_PROXY; default: from --listen");
  env->add_option("--az-profile", az_profile, "cloud mode: az API profile (latest | 2020-09-01-hybrid)")
      ->capture_default_str();

  std::string code, user;
  auto* approve = app.add_subcommand("approve", "approve a pending device code (az login --use-device-code)");
  add_common(approve);
  approve->add_option("code", code, "the code az printed")->required();
  approve->add_option("--user", user, "UPN to sign in as (default: the seeded admin)");

  std::string audit_vault;
  bool audit_json = false;
  auto* audit = app.add_subcommand("audit", "print the audit log (Key Vault AuditEvent records)");
  add_common(audit);
  audit->add_option("--vault", audit_vault, "only this vault");
  audit->add_flag("--json", audit_json, "AuditEvent JSON instead of text lines");

  auto* routes = app.add_subcommand("routes", "print the route table");
  add_common(routes);
  azemu::app::DiskCommand disk(app);  // disk inspect | test-passphrase
  azemu::app::VmCommand vm(app, config.data_dir);  // vm console NAME | vm disks NAME
  azemu::app::ControlCommand control(app, config.listen, config.data_dir);  // ca | time | faults | metrics
  app.add_subcommand("version", "print the version");

  CLI11_PARSE(app, argc, argv);
  // CLI11 reads the AZEMU_* variables (each option's name in capitals: AZEMU_LISTEN, AZEMU_DATA_DIR, ...;
  // the container image sets them) for every subcommand; only `start` fixes identities.
  if (!*start) config.identities = {};
  try {
    if (*start) return azemu::app::run_server(config);
    if (*env) {
      std::cout << azemu::app::env_script(config, mode, az_profile);
      return 0;
    }
    if (*audit) return azemu::app::print_audit(config, audit_vault, audit_json);
    if (disk.selected()) return disk.run();
    if (vm.selected()) return vm.run();
    if (control.selected()) return control.run();
    if (*approve) return azemu::app::approve_device_code(config, code, user);
    if (*routes) {
      std::cout << azemu::app::route_table(config);
      return 0;
    }
    std::puts("azemu 0.1.0");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "azemu: %s\n", e.what());
    return 1;
  }
}
