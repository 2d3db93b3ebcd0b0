// fuzz_jwk_import: Key Vault's JWK import (fake-keyvault/keys/crypto_key_ops.cpp import_jwk(), as
// ImportKey calls it) on hostile JSON Web Keys: missing or mistyped members, bad base64url,
// inconsistent RSA factors, points off the curve. Oracle: only AzureError (BadParameter) may leave;
// a key that imports must serialize, re-load and sign/verify (else it would fail later, as a 500).
#include "fake-keyvault/keys/crypto_key_ops.hpp"

#include "emulator/error/azure_error.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {
using namespace azemu;
using nlohmann::json;

[[noreturn]] void finding(const char* why, const std::string& input) {
  std::fprintf(stderr, "azemu fuzz finding: %s\n  input: %.3000s\n", why, input.c_str());
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  json jwk = json::parse(input, nullptr, false);
  if (!jwk.is_object()) return 0;  // the handler's JSON parsing answers these
  // KeyService::import reads kty the same way before calling import_jwk().
  auto kty_it = jwk.find("kty");
  if (kty_it == jwk.end() || !kty_it->is_string()) return 0;
  std::string kty = kty_it->get<std::string>();
  if (kty.ends_with("-HSM")) kty.resize(kty.size() - 4);
  try {
    kv::crypto::KeyMaterial m = kv::crypto::import_jwk(kty, jwk);
    (void)m.public_jwk.dump();
    // The algorithm and digest size Key Vault pairs with the key (JWA: RS256, ES256/384/512, ES256K).
    std::string alg = "RS256";
    std::size_t digest_size = 32;
    if (kty == "EC") {
      const std::string crv = m.public_jwk.value("crv", "");
      alg = crv == "P-384" ? "ES384" : crv == "P-521" ? "ES512" : crv == "P-256K" ? "ES256K" : "ES256";
      digest_size = crv == "P-384" ? 48 : crv == "P-521" ? 64 : 32;
    }
    const std::string digest(digest_size, '\x5a');
    std::string sig = kv::crypto::sign(m.private_der, alg, digest);
    if (!kv::crypto::verify(m.private_der, alg, digest, sig)) finding("imported key cannot verify its own signature", input);
  } catch (const AzureError&) {
  } catch (const std::exception& e) {
    finding(e.what(), input);
  }
  return 0;
}
