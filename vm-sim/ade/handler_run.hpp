// One run of the handler's `enable` (handle.py enable()), for both schemas the CLI can pick
// (research/ade.md §1.1): dual pass (typeHandlerVersion 0.x, AAD app, the handler creates the Key
// Vault secret) and single pass (1.x, the platform creates the secrets and attaches the BEK volume
// before the extension runs; azemu's decision: the platform, not the extension, makes the 1.1
// passphrase, so this handler makes no Key Vault call in 1.x).
//
//   settings ── unreadable / precheck fails ──> error 53 (operation Enable)
//      │   (/ on dm-crypt and os_encryption_requested still there: the OS request is done, removed)
//      ├─ a new sequence number while the daemon runs ──> the previous result again with
//      │      "An operation is already in progress. Please wait for it to complete."
//      ├─ decryption marker ──> resume the decryption daemon, re-report
//      ├─ encryption marker and an enable operation ──> pass 2 (dual: success + secret URL) or
//      │                                                resume (single), then the daemon
//      ├─ same sequence number as last handled ──> re-report the last result with the live
//      │      substatus (the agent re-runs enable at every boot: this is how the status catches up
//      │      with a reboot; nothing is encrypted and no secret is created again)
//      ├─ EnableEncryption / EnableEncryptionFormatAll ──> enable_dual_pass | enable_single_pass
//      ├─ DisableEncryption ──> disable_encryption (data volumes only)
//      └─ anything else ──> error 53 "Encryption operation <op> is not supported"
//
// The daemon (encryption_daemon.hpp) is started through the DaemonStarter the caller sets, after
// the status that hands over to it is written.
#pragma once

#include "vm-sim/ade/ade_state.hpp"
#include "vm-sim/ade/command_runner.hpp"
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
  HandlerRun(const HandlerContext& ctx, HandlerPaths paths, std::optional<ProxyConfig> proxy, CommandRunner& runner)
      : ctx_(ctx), paths_(std::move(paths)), state_(paths_), proxy_(std::move(proxy)), runner_(runner) {}

  using DaemonStarter = std::function<void(const HandlerRun&)>;
  void set_daemon_starter(DaemonStarter starter) { start_daemon_ = std::move(starter); }

  /// Runs `enable` for the current sequence number; returns the process exit code (0 or the
  /// extension's error code), after writing the status file.
  int enable();

  /// Writes the status file for `r` with the live encryption state and remembers `r` as the last
  /// result (re-reported for a repeated sequence number); returns r.code.
  int report(const StatusReport& r) const;

  /// True for typeHandlerVersion 1.x (single pass).
  bool single_pass() const;
  /// True when the handler runs on the guest's real root (it may mount and run cryptsetup), false
  /// under a host test root (AZEMU_ADE_ROOT).
  bool on_real_root() const;

  const HandlerContext& context() const { return ctx_; }
  const HandlerPaths& paths() const { return paths_; }
  const AdeState& state() const { return state_; }
  CommandRunner& runner() const { return runner_; }

 private:
  int enable_dual_pass(const AdeSettings& settings);
  int enable_single_pass(const AdeSettings& settings);
  int disable_encryption(const AdeSettings& settings);
  /// The last result again, substatus recomputed; `fallback` when nothing was reported yet.
  int rereport(const StatusReport& fallback) const;
  std::optional<StatusReport> last_report() const;      // of this sequence number
  std::optional<StatusReport> last_report_any() const;  // of whichever was handled last
  void retire_done_os_request() const;
  void start_daemon() const;

  const HandlerContext& ctx_;
  HandlerPaths paths_;
  AdeState state_;
  std::optional<ProxyConfig> proxy_;
  CommandRunner& runner_;
  DaemonStarter start_daemon_;
};

/// The extension's final message for a volume type (SuccessMessage in Common.py).
std::string success_message(const std::string& canonical_volume_type);

}  // namespace azemu::vm::ade
