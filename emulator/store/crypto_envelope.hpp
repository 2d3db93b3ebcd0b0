// Encryption at rest for every secret a service stores — Key Vault key material, secret values and
// backup blobs, VM extension protectedSettings: AES-256-GCM under the data dir's master key. `aad` binds a ciphertext to its place (vault/name/version), so a
// row copied elsewhere fails to open. Does not manage or rotate the master key.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace azemu::store {

class Envelope {
public:
  /// `master_key_hex`: 64 hex characters. Throws std::invalid_argument otherwise.
  explicit Envelope(const std::string& master_key_hex);

  /// base64(iv[12] || tag[16] || ciphertext).
  std::string seal(std::string_view plaintext, std::string_view aad) const;
  /// nullopt when the text is not base64, truncated, tampered with, or sealed under another aad/key.
  std::optional<std::string> open(std::string_view sealed, std::string_view aad) const;

private:
  std::string key_;  // 32 raw bytes
};

}  // namespace azemu::store
