// The extension's daemon (handle.py daemon() -> daemon_encrypt()), started by pass 2 of `enable`
// once the encryption marker exists and the platform has attached the BEK volume:
//
//   lock ── held by another daemon ──> exit quietly
//    │
//   BEK key file (mounted, or mount LABEL="BEK VOLUME") ── missing ──> error 15 "Passphrase file not found."
//    │
//   Data/All: each mounted, unencrypted data volume in place, status DataCopy
//             "Encrypting data volume i/n: NN%"; failure -> error 19 (EnableEncryptionDataVolumes)
//             then "Encryption succeeded for data volumes"
//   OS/All:   azemu's OS path: write the OS-encryption request file (os_encryption_requested) for
//             the VM runtime, which encrypts the OS disk while the VM restarts (research/uml-ade.md §4);
//             the substatus says VMRestartPending until / is on dm-crypt
//    │
//   clear the marker, final status
#pragma once

#include "vm-sim/ade/command_runner.hpp"
#include "vm-sim/ade/enable_dual_pass.hpp"

#include <optional>
#include <string>

namespace azemu::vm::ade {

/// Runs the daemon to completion in this process; returns the exit code (0 or the error code).
int run_encryption_daemon(const HandlerRun& run, CommandRunner& runner);

/// The key file on the BEK volume, mounting the volume by label first when the handler runs on a
/// real guest root; nullopt when there is none.
std::optional<std::string> find_passphrase_file(const HandlerPaths& paths, CommandRunner& runner, bool may_mount);

/// Seconds the daemon waits before starting (ADE waits 120 s): AZEMU_ADE_DAEMON_DELAY, default 0.
int daemon_delay_seconds();

}  // namespace azemu::vm::ade
