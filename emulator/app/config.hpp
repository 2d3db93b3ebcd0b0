// Command-line configuration of the azemu process, shared by every subcommand.
#pragma once

#include <cstdint>
#include <string>

namespace azemu::app {

/// Identities a CI config may fix (`azemu start --tenant-id ...` or AZEMU_* variables); empty fields
/// are generated on first start. They apply when the data dir is new and must match it afterwards.
struct FixedIdentities {
  std::string tenant_id, subscription_id, client_id, client_secret;
};

struct Config {
  std::string listen = "127.0.0.1:8443";
  std::string data_dir = ".azemu";
  std::string cloud_base = "azemu.localhost";
  std::string log_level = "info";
  std::string lab_file;           // start --lab FILE: the UI's lab checklist ("" → the doc's steps)
  bool ui_console = false;        // start --ui-console: the UI may type into VM serial consoles
  bool access_log = false;        // a line per request (--access-log)
  std::string log_file;           // "" → stderr
  unsigned log_max_mb = 64;       // rotate the log file past this size
  unsigned log_keep = 3;          // rotated files kept (azemu.log.1 .. .3)
  unsigned io_threads = 0;        // 0: one per core
  unsigned blocking_threads = 0;  // 0: one per core, at least 2
  bool test_controls = false;     // accepted for old scripts; /_azemu/time is always mounted now
  FixedIdentities identities;     // start --tenant-id/--subscription-id/--client-id/--client-secret
  std::string client_host;        // azemu env --host: the name clients use for azemu ("" → from --listen)
  std::string admin_token;        // start --admin-token: required by /_azemu/ (all but health) when set
  std::string kv_throttling = "off";  // start --kv-throttling: off | azure (Key Vault's per-vault limits)
  std::string seed_file;          // start --seed: a seed document applied before the port opens
  std::string vm_runtime = "auto";  // auto | uml | qemu | guestless: where Microsoft.Compute VMs run
  unsigned warm_guests = 0;         // start --warm-guests: pre-booted spare UML guests (0: every create boots cold)

  /// "127.0.0.1:8443" → host and port; throws std::invalid_argument on a malformed value.
  std::string listen_host() const;
  std::uint16_t listen_port() const;
  /// The data dir as an absolute path (created by DataDir, not here).
  std::string data_dir_abs() const;
};

}  // namespace azemu::app
