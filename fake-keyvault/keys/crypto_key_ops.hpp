// The real cryptography behind Key Vault keys (OpenSSL 3): RSA and EC key generation, JWK import,
// the public JWK, RSA encrypt/decrypt (RSA-OAEP, RSA-OAEP-256, RSA1_5) and sign/verify over a
// caller-supplied digest (RS*, PS*, ES*, ES256K with raw R||S signatures as JWS defines them).
// Private keys cross this interface only as DER, which callers seal at rest immediately.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace azemu::kv::crypto {

struct KeyMaterial {
  std::string private_der;  // i2d_PrivateKey form; never leaves the vault
  nlohmann::json public_jwk;  // {"n","e"} or {"crv","x","y"} (base64url), no kty/kid/key_ops
  int bits = 0;               // RSA modulus size or EC field size
};

/// `bits` 2048/3072/4096; `public_exponent` usually 65537. Throws BadParameter.
KeyMaterial generate_rsa(int bits, unsigned long public_exponent);
/// `crv` "P-256" | "P-384" | "P-521" | "P-256K". Throws BadParameter.
KeyMaterial generate_ec(const std::string& crv);
/// A JWK with private parts (RSA: n e d p q dp dq qi; EC: crv x y d). `kty` "RSA"/"EC" (HSM suffix
/// stripped by the caller). Throws BadParameter.
KeyMaterial import_jwk(const std::string& kty, const nlohmann::json& jwk);

/// Throws BadParameter for an unknown algorithm, a wrong key type or a plaintext too long.
std::string encrypt(const std::string& der, const std::string& alg, std::string_view plaintext);
/// Throws BadParameter when the ciphertext does not decrypt.
std::string decrypt(const std::string& der, const std::string& alg, std::string_view ciphertext);
/// Signs `digest` (its length must match the algorithm's hash). Returns the raw signature.
std::string sign(const std::string& der, const std::string& alg, std::string_view digest);
bool verify(const std::string& der, const std::string& alg, std::string_view digest, std::string_view signature);

}  // namespace azemu::kv::crypto
