// enable_encryption() of the single-pass (1.x) extension on a new sequence number, minus what
// azemu's platform already did before delivering the settings (decision for issue 7: Compute
// creates the per-disk secrets, stamps the disks and attaches the BEK volume with
// LinuxPassPhraseFileName and LinuxPassPhraseFileName_0_<lun>; research/ade.md §1.4 has the
// extension post the stamping request to the wire server instead):
//   volume type move check ─> error 53 "Moving from volume type A to volume type B is not allowed"
//   transitioning, code 0, ""
//   BEK volume ─ missing ─> error 52 "BEK disk is missing or not initialized. <reason>"
//              ─ no key file ─> error 15 "Passphrase file not found."
//   everything requested already encrypted ─> success, SuccessMessage (nothing to do)
//   StartEncryption success "Encryption settings stamped", config + marker, daemon
#include "vm-sim/ade/handler_run.hpp"

#include "vm-sim/ade/bek_volume.hpp"
#include "vm-sim/ade/encryption_status.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::vm::ade {

int HandlerRun::enable_single_pass(const AdeSettings& settings) {
  const std::string vt = canonical_volume_type(settings.volume_type);
  if (auto existing = state_.config(); existing && !existing->volume_type.empty()) {
    // check_util.validate_volume_type_for_enable: same type or an upgrade to All only.
    const std::string before = existing->volume_type;
    if (!text::iequals(before, settings.volume_type) && vt != "All")
      return report({"Enable", status::kError, code::kConfigurationError,
                     "Moving from volume type " + before + " to volume type " + settings.volume_type + " is not allowed"});
  }
  report({"EnableEncryption", status::kTransitioning, code::kSuccess, ""});

  BekMount bek = mount_bek_volume(paths_, runner_, on_real_root());
  if (!bek.mounted) return report({"EnableEncryption", status::kError, code::kMissingDependency, bek.fault});
  if (!bek.key_file) return report({"EnableEncryption", status::kError, code::kPassphraseFileNotFound, "Passphrase file not found."});

  EncryptionState now = current_encryption_state(paths_, state_);
  bool data_done = vt == "OS" || now.data == "Encrypted";
  bool os_done = vt == "Data" || now.os == "Encrypted";
  if (data_done && os_done) {
    ctx_.log("every requested volume is already encrypted");
    return report({"EnableEncryption", status::kSuccess, code::kSuccess, success_message(vt)});
  }
  state_.save_config({"", settings.volume_type, kPassphraseFileName, ctx_.seq()});
  state_.mark_encryption({settings.operation, settings.volume_type});
  int rc = report({"StartEncryption", status::kSuccess, code::kSuccess, "Encryption settings stamped"});
  start_daemon();
  return rc;
}

}  // namespace azemu::vm::ade
