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
/// Client secrets are 40 random characters: brute force is hopeless anyway, and every
/// client_credentials request verifies one: ~240 random bits need no key stretching, and one
/// salted HMAC keeps the token endpoint fast (bench/run.sh).
inline constexpr int kClientSecretIterations = 1;

/// Hashes `password` with a fresh random salt.
PasswordHash hash_password(std::string_view password, int iterations);
/// Constant-time comparison against a stored hash; false for an empty stored hash.
bool verify_password(std::string_view password, const PasswordHash& stored);
/// Lower-case hex SHA-256 of `data` (lookup keys for high-entropy tokens).
std::string sha256_hex(std::string_view data);

}  // namespace azemu::aad
