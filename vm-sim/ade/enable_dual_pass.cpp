// The dual-pass enable flow (see the diagram in the header). Messages and codes are the
// extension's (handle.py, DP 0.1.0.999348).
#include "vm-sim/ade/enable_dual_pass.hpp"

#include "vm-sim/ade/encryption_status.hpp"
#include "vm-sim/ade/extension_settings.hpp"
#include "vm-sim/ade/key_vault_client.hpp"
#include "vm-sim/ade/passphrase.hpp"

#include "emulator/json/strings.hpp"

#include <ctime>
#include <fstream>

namespace azemu::vm::ade {

namespace {
std::string utc_timestamp() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

/// validate_vfat: the guest loads vfat at boot; /proc/filesystems says whether it is there. Under
/// a test root without that file the check cannot fail (nothing to look at).
PrecheckEnvironment precheck_environment(const HandlerPaths& paths) {
  PrecheckEnvironment env;
  std::ifstream in(paths.at("/proc/filesystems"));
  if (!in) return env;
  std::string line;
  env.vfat_available = false;
  while (std::getline(in, line))
    if (line.find("vfat") != std::string::npos) env.vfat_available = true;
  return env;
}
}  // namespace

int HandlerRun::report(const StatusReport& r) const {
  EncryptionState s = current_encryption_state(paths_, state_);
  ctx_.log("[StatusReport (" + std::to_string(ctx_.seq()) + ")] op: " + r.operation + " status: " + r.status +
           " code: " + std::to_string(r.code) + " msg: " + r.message + " substatus: " + s.to_message());
  ctx_.write_status(build_status_file(r, s, utc_timestamp()));
  return r.code;
}

int HandlerRun::enable() {
  AdeSettings settings;
  try {
    settings = parse_settings(ctx_.handler_settings());
  } catch (const std::exception& e) {
    return report({"Enable", status::kError, code::kConfigurationError, e.what()});
  }
  ctx_.log("Enabling extension: EncryptionOperation=" + settings.operation + " VolumeType=" + settings.volume_type +
           " KeyVaultURL=" + settings.key_vault_url + " KeyEncryptionKeyURL=" + settings.kek_url +
           " AADClientID=" + settings.aad_client_id);
  try {
    precheck_dual_pass(settings, precheck_environment(paths_));
  } catch (const PrecheckError& e) {
    ctx_.log("PRECHECK: Fatal Exception thrown during precheck");
    return report({"Enable", status::kError, code::kConfigurationError, e.what()});
  }
  if (settings.is_enable()) return enable_encryption(settings);
  if (settings.operation == operation::kDisable)
    return report({"DisableEncryption", status::kError, code::kUnknownError,
                   "azemu: DisableEncryption is not implemented by this handler yet"});
  return report({"Enable", status::kError, code::kConfigurationError,
                 "Encryption operation " + settings.operation + " is not supported"});
}

int HandlerRun::enable_encryption(const AdeSettings& settings) {
  if (state_.marker()) {
    // Pass 2 (start_daemon): the same sequence number comes back after the CLI's VM PUT attached
    // the BEK volume. Report the stored secret again, then let the daemon encrypt.
    ctx_.log("encryption mark is there, starting daemon.");
    auto config = state_.config();
    if (!config) return report({"EnableEncryption", status::kError, code::kEncryptionFailed, "Encryption config not found."});
    int rc = report({"EnableEncryption", status::kSuccess, code::kSuccess, config->secret_id});
    if (start_daemon_) start_daemon_(*this);
    return rc;
  }
  auto existing = state_.config();
  if (existing && ctx_.last_handled_seq() == ctx_.seq()) {
    // exit_if_same_seq: the agent re-ran enable for a sequence number already handled.
    ctx_.log("the sequence number is the same as the last one handled; reporting the stored result");
    return report({"EnableEncryption", status::kSuccess, code::kSuccess, existing->secret_id});
  }
  ctx_.save_seq();

  std::string volume_type = canonical_volume_type(settings.volume_type);
  if (volume_type.empty())
    return report({"EnableEncryption", status::kError, code::kConfigurationError,
                   "VolumeType \"" + settings.volume_type + "\" is not supported"});
  std::string passphrase = settings.passphrase.empty() ? generate_passphrase() : settings.passphrase;

  if (!proxy_) {
    ctx_.log("no proxy configured (AZEMU_PROXY or /etc/waagent.conf HttpProxy.Host/Port): Key Vault is unreachable");
    state_.clear_config();
    return report({"EnableEncryption", status::kError, code::kCreateSecretFailed, "Enable failed."});
  }
  std::string secret_id;
  try {
    HttpsClient http(*proxy_);
    KeyVaultClient kv(http, [this](const std::string& line) { ctx_.log(line); });
    secret_id = kv.create_kek_secret(passphrase, settings, kPassphraseFileName);
  } catch (const std::exception& e) {
    // KeyVaultUtil swallows the cause and create_kek_secret returns None: Azure shows only
    // "Enable failed." (code 13). The cause stays in the extension log.
    ctx_.log(std::string("Failed to create_kek_secret: ") + e.what());
    state_.clear_config();
    return report({"EnableEncryption", status::kError, code::kCreateSecretFailed, "Enable failed."});
  }
  state_.save_config({secret_id, settings.volume_type, kPassphraseFileName, ctx_.seq()});
  state_.mark_encryption({settings.operation, settings.volume_type});
  return report({"EnableEncryption", status::kSuccess, code::kSuccess, secret_id});
}

}  // namespace azemu::vm::ade
