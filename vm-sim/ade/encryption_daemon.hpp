// The extension's daemon (handle.py daemon() -> daemon_encrypt() / daemon_decrypt()), started by
// `enable` once a marker exists:
//
//   lock ── held by another daemon ──> exit quietly
//    │   (AZEMU_ADE_DAEMON_DELAY seconds first; ADE waits 120 s, azemu 0)
//   decryption marker ──> BEK volume, then every data volume in crypttab decrypted in place
//                         (data_volume_decryptor.hpp); fstab/crypttab restored; config cleared;
//                         "Decryption succeeded" (operation Disable); failure: error 100
//                         "Failed to decrypt data volumes with error: <step>"
//   encryption marker:
//   BEK key file (mounted, or mount LABEL="BEK VOLUME") ── missing ──> error 15 "Passphrase file not found."
//    │
//   Data/All: each mounted, unencrypted data volume:
//             EnableEncryption: in place, status DataCopy "Encrypting data volume i/n: NN%"
//             EnableEncryptionFormatAll: "Encrypting and formatting N data volumes", luksFormat + mkfs
//             failure -> error 19 (EnableEncryptionDataVolumes); Data: "Encryption succeeded for data volumes"
//   OS/All:   azemu's OS path: write the OS-encryption request file (os_encryption_requested) for
//             the VM runtime, which encrypts the OS disk while the VM restarts (research/uml-ade.md §4);
//             the substatus says VMRestartPending until / is on dm-crypt, so the main message reads
//             "OS disk successfully encrypted, please reboot the VM" until then (status_report.hpp)
//    │
//   clear the marker, final status (operation EnableEncryptionOSVolume, SuccessMessage)
//
// The key of each data volume is LinuxPassPhraseFileName_0_<lun> when the BEK volume has it (single
// pass), else LinuxPassPhraseFileName; crypttab names the volume by its /dev/disk/azure/scsi1/lun<N> link.
#pragma once

#include "vm-sim/ade/command_runner.hpp"
#include "vm-sim/ade/handler_run.hpp"

#include <optional>
#include <string>

namespace azemu::vm::ade {

/// Runs the daemon to completion in this process; returns the exit code (0 or the error code).
int run_encryption_daemon(const HandlerRun& run, CommandRunner& runner);

/// True while a daemon holds the lock (so new settings must wait: handle.py reject_settings).
bool daemon_running(const HandlerPaths& paths);

/// Seconds the daemon waits before starting (ADE waits 120 s): AZEMU_ADE_DAEMON_DELAY, default 0.
int daemon_delay_seconds();

}  // namespace azemu::vm::ade
