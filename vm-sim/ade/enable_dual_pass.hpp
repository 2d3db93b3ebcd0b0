// `enable` of the dual-pass (0.1) extension, following handle.py enable() -> enable_encryption():
//
//   settings ── prechecks fail ──> error 53 (operation Enable)
//      │
//      ├─ DisableEncryption / other ops ─> see the branch (error 53 for unknown operations)
//      │
//      ├─ marker present (pass 2, after the CLI's VM PUT brought the BEK volume) ─> daemon
//      │
//      ├─ same sequence number as last time ─> re-report the last status, exit
//      │
//      └─ pass 1: passphrase ─> Key Vault (probe, token, wrapkey, PUT secret)
//                   ├─ failure ─> clear config, error 13 "Enable failed."
//                   └─ success ─> config + marker, success code 0, message = secret URL
//
// The daemon (pass 2: encrypt the volumes with the BEK passphrase, encryption_daemon.hpp) is started
// through the DaemonStarter the caller sets, after the success status is written.
#pragma once

#include "vm-sim/ade/ade_state.hpp"
#include "vm-sim/ade/crypto_https_client.hpp"
#include "vm-sim/ade/extension_settings.hpp"
#include "vm-sim/ade/handler_context.hpp"
#include "vm-sim/ade/handler_paths.hpp"
#include "vm-sim/ade/status_report.hpp"

#include <functional>
#include <optional>

namespace azemu::vm::ade {

class HandlerRun {
 public:
  HandlerRun(const HandlerContext& ctx, HandlerPaths paths, std::optional<ProxyConfig> proxy)
      : ctx_(ctx), paths_(std::move(paths)), state_(paths_), proxy_(std::move(proxy)) {}

  using DaemonStarter = std::function<void(const HandlerRun&)>;
  void set_daemon_starter(DaemonStarter starter) { start_daemon_ = std::move(starter); }

  /// Runs `enable` for the current sequence number; returns the process exit code (0 or the
  /// extension's error code), after writing the status file.
  int enable();

  /// Writes the status file for `r` with the live encryption state; returns r.code.
  int report(const StatusReport& r) const;

  const HandlerContext& context() const { return ctx_; }
  const HandlerPaths& paths() const { return paths_; }
  const AdeState& state() const { return state_; }

 private:
  int enable_encryption(const AdeSettings& settings);

  const HandlerContext& ctx_;
  HandlerPaths paths_;
  AdeState state_;
  std::optional<ProxyConfig> proxy_;
  DaemonStarter start_daemon_;
};

}  // namespace azemu::vm::ade
