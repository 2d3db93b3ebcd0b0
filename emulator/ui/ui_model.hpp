// What the teaching UI shows, gathered from the services' read-only views (wired as UiSources in
// emulator/app/services.cpp: every SQL query stays in the service that owns the table) plus two
// things only a running guest knows: its serial console log and its crypttab/fstab/dm-crypt
// mounts (asked once per state change through ports::VmRuntime::run_command, read-only commands).
// Never a secret value or key material: the sources return metadata only, and guest reads never
// print key files. Every method blocks (SQLite, files, the guest): call it off the io threads.
#pragma once

#include "emulator/ports/vm_runtime.hpp"
#include "emulator/ui/lab.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace azemu::ui {

struct UiSources {
  std::function<nlohmann::json()> cloud;             // arm::teaching::cloud
  std::function<nlohmann::json()> vms;               // arm::teaching::vms
  std::function<nlohmann::json()> vaults;            // arm::teaching::vaults
  std::function<nlohmann::json()> vault_objects;     // kv::teaching::objects
  std::function<nlohmann::json()> directory;         // aad::teaching::directory
  std::function<nlohmann::json()> role_assignments;  // arm::teaching::role_assignments
  /// fake-arm's disk encryption report of one VM (throws AzureError NotFound / ambiguous).
  std::function<nlohmann::json(const std::string& name, const std::string& group)> vm_disks;
  /// Audit rows (AuditEvent JSON), newest last; `vault` "" = all, `top` 0 = all.
  std::function<nlohmann::json(const std::string& vault, std::size_t top)> audit;
  ports::VmRuntime* runtime = nullptr;
  std::string data_dir;          // console logs: <data-dir>/vms/<vmId>/console.log (vm-sim's layout)
  std::string seeded_client_id;  // azemu's bootstrap service principal (not a student's)
};

struct UiOptions {
  bool console_input = false;  // --ui-console: the VM page may type into the serial console
  bool lab_file = false;       // --lab FILE was given (else the default checklist)
  /// azemu listens on a non-loopback address: the UI is never served there without an admin token.
  bool exposed = false;
  /// --admin-token: the UI answers only to its holders (Authorization: Bearer, or the cookie that
  /// /ui/?token=TOKEN sets), like the control API.
  std::string admin_token;
};

class UiModel {
public:
  UiModel(UiSources sources, Checklist checklist, UiOptions options)
      : src_(std::move(sources)), checklist_(std::move(checklist)), options_(options) {}

  /// {cloud, vms, keyvault:{vaults, deletedVaults, keys, secrets}, identity:{..., roleAssignments}}.
  nlohmann::json state() const;
  /// The lab checklist evaluated against `state` (or a fresh state()).
  nlohmann::json lab(const nlohmann::json& state) const;
  nlohmann::json lab() const { return lab(state()); }
  /// The key chain of VM `name` (ui/key_chain.hpp). Throws AzureError NotFound.
  nlohmann::json key_chain(const std::string& name, const std::string& group) const;
  /// crypttab, fstab and /dev/mapper mounts from the running guest (cached until the VM's power,
  /// provisioning or encryption state changes); {available:false, reason} when not running.
  nlohmann::json guest(const std::string& name, const std::string& group) const;
  /// The console log from byte `offset` (at most 64 KiB; offset 0 = the last 64 KiB): {text, next, size}.
  nlohmann::json console(const std::string& name, const std::string& group, std::uint64_t offset) const;
  /// Types `input` into the serial console (needs --ui-console) and returns what the guest answered
  /// within ~1.5 s. Throws AzureError Forbidden without --ui-console.
  nlohmann::json console_input(const std::string& name, const std::string& group, const std::string& input) const;
  /// Console log sizes per VM id (the live feed's "console" fingerprint).
  std::map<std::string, std::uint64_t> console_sizes(const nlohmann::json& vms) const;
  nlohmann::json audit(const std::string& vault, std::size_t top) const { return src_.audit(vault, top); }
  const UiOptions& options() const { return options_; }

private:
  nlohmann::json find_vm(const std::string& name, const std::string& group) const;
  std::string console_path(const std::string& vm_id, const char* file) const;
  UiSources src_;
  Checklist checklist_;
  UiOptions options_;
  struct GuestCache {
    std::string signature;
    nlohmann::json value;
  };
  mutable std::mutex guest_mu_;
  mutable std::map<std::string, GuestCache> guest_cache_;  // by vmId
};

/// `j` without the keys that change on every read ("time" of instance view statuses, heartbeats):
/// what a fingerprint of the state hashes, so that only real changes make events.
nlohmann::json without_read_times(nlohmann::json j);

/// Parses the output of the guest read (sections "--crypttab", "--fstab", "--mounts") into
/// {crypttab:[lines], fstab:[lines], mappings:[{device, mountpoint, fstype}]}. Pure.
nlohmann::json parse_guest_read(const std::string& text);

}  // namespace azemu::ui
