// The RSA key fake-aad signs tokens with and every service verifies them against. Persisted in
// the data dir (PEM, 0600) so tokens stay valid across restarts. Published as a JWKS.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace azemu::auth {

class SigningKey {
public:
  /// Loads `pem_path`, or generates a 2048-bit key and writes it there (0600) if absent.
  static SigningKey load_or_create(const std::string& pem_path);
  /// A fresh in-memory key (tests).
  static SigningKey generate();
  ~SigningKey();
  SigningKey(SigningKey&&) noexcept;
  SigningKey& operator=(SigningKey&&) noexcept;

  /// Key id: base64url of the first 20 bytes of SHA-256 over the public key, like Entra's x5t-style ids.
  const std::string& kid() const { return kid_; }
  /// RS256 signature over `data`, raw bytes.
  std::string sign(std::string_view data) const;
  bool verify(std::string_view data, std::string_view signature) const;
  /// {"kty":"RSA","use":"sig","kid","n","e","alg":"RS256"}
  nlohmann::json jwk() const;

private:
  struct Impl;
  explicit SigningKey(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::string kid_;
};

}  // namespace azemu::auth
