// Pass 1 of the dual-pass (0.1) enable, handle.py enable_encryption() on a new sequence number:
//   passphrase ─> Key Vault (probe, token, wrapkey, PUT secret)
//      ├─ failure ─> clear config, error 13 "Enable failed."
//      └─ success ─> config + marker, success code 0, message = secret URL (what the CLI reads)
// Pass 2 (the marker on the next enable) is in handler_run.cpp; the encryption in the daemon.
#include "vm-sim/ade/handler_run.hpp"

#include "vm-sim/ade/key_vault_client.hpp"
#include "vm-sim/ade/passphrase.hpp"
#include "vm-sim/ade/text_files.hpp"

#include <filesystem>

namespace azemu::vm::ade {

int HandlerRun::enable_dual_pass(const AdeSettings& settings) {
  std::string volume_type = canonical_volume_type(settings.volume_type);
  if (volume_type.empty())
    return report({"EnableEncryption", status::kError, code::kConfigurationError,
                   "VolumeType \"" + settings.volume_type + "\" is not supported"});
  if (auto existing = state_.config(); existing && existing->secret_seq_num == ctx_.seq() && !existing->secret_id.empty()) {
    // This sequence number already made its secret (the handler's own memory of it was lost):
    // never a second one for the same request.
    return report({"EnableEncryption", status::kSuccess, code::kSuccess, existing->secret_id});
  }
  // A VM that is already encrypted keeps its key: a later enable (a new data disk, the doc's second
  // `enable`) writes a new secret holding the passphrase the BEK volume already has, so every volume
  // and the next boot's unlock keep working with the secret the CLI then puts in the model.
  std::string passphrase = settings.passphrase;
  if (passphrase.empty()) {
    std::error_code ec;
    const auto current = paths_.bek_mount_point() / kPassphraseFileName;
    if (std::filesystem::exists(current, ec)) passphrase = read_text_file(current);
    if (!passphrase.empty()) ctx_.log("reusing the passphrase of the attached BEK volume for the new secret");
  }
  if (passphrase.empty()) passphrase = generate_passphrase();

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
