// Salted PBKDF2-HMAC-SHA256 hashes for user passwords and client secrets, and SHA-256 digests for
// opaque random tokens (refresh tokens, device codes) that are looked up by their hash.
// Implemented in crypto_password_hash.cpp, the only fake-aad file that includes OpenSSL.
#pragma once

#include <string>
#include <string_view>

namespace azemu::aad {

struct PasswordHash {
  std::string hash;  // base64 of the 32-byte derived key
  std::string salt;  // 32 hex characters
  int iterations = 0;
};

/// Users choose passwords, so they get a slow hash (OWASP-style iteration count).
inline constexpr int kUserPasswordIterations = 100'000;
/// Client secrets get the same cost: a copied database must not give up a secret cheaply, whatever
/// its entropy. Token issuance stays fast because verify_password() remembers what it derived
/// (keyed by a SHA-256 of salt and candidate, never the candidate itself), so only a secret's first
/// use in a process pays the ~40 ms of PBKDF2.
inline constexpr int kClientSecretIterations = 100'000;

/// Hashes `password` with a fresh random salt.
PasswordHash hash_password(std::string_view password, int iterations);
/// Constant-time comparison against a stored hash; false for an empty stored hash. Thread-safe;
/// derivations are cached in a bounded map (see kClientSecretIterations).
bool verify_password(std::string_view password, const PasswordHash& stored);
/// Lower-case hex SHA-256 of `data` (lookup keys for high-entropy tokens).
std::string sha256_hex(std::string_view data);

}  // namespace azemu::aad
