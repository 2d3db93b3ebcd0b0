// crypto_key_ops against independent OpenSSL code: signatures made in the vault verify with a key
// rebuilt from the public JWK alone, and ciphertexts made from the public JWK decrypt in the vault.
#include "fake-keyvault/keys/crypto_key_ops.hpp"

#include "emulator/error/azure_error.hpp"
#include "emulator/json/strings.hpp"

#include <doctest/doctest.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>

#include <functional>
#include <map>
#include <memory>

using namespace azemu;
using namespace azemu::kv;

namespace {
using Pkey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

std::string b64(const nlohmann::json& j, const char* f) { return text::base64_decode(j.at(f).get<std::string>()); }

BIGNUM* bn(const std::string& s) {
  return BN_bin2bn(reinterpret_cast<const unsigned char*>(s.data()), static_cast<int>(s.size()), nullptr);
}

/// The public key as any client would build it from the JWK the vault returns.
Pkey public_key(const nlohmann::json& jwk) {
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  BIGNUM *n = nullptr, *e = nullptr;
  std::string point;
  const char* type = "RSA";
  if (jwk.contains("n")) {
    n = bn(b64(jwk, "n"));
    e = bn(b64(jwk, "e"));
    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n);
    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e);
  } else {
    type = "EC";
    std::string crv = jwk.at("crv");
    const char* group = crv == "P-256" ? "prime256v1" : crv == "P-384" ? "secp384r1" : crv == "P-521" ? "secp521r1" : "secp256k1";
    point = "\x04" + b64(jwk, "x") + b64(jwk, "y");
    OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, group, 0);
    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
  }
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  EVP_PKEY* k = nullptr;
  EVP_PKEY_fromdata_init(ctx);
  EVP_PKEY_fromdata(ctx, &k, EVP_PKEY_PUBLIC_KEY, params);
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(bld);
  BN_free(n);
  BN_free(e);
  REQUIRE(k != nullptr);
  return Pkey(k, EVP_PKEY_free);
}

const EVP_MD* md_for(const std::string& alg) {
  if (alg.find("384") != std::string::npos) return EVP_sha384();
  if (alg.find("512") != std::string::npos) return EVP_sha512();
  return EVP_sha256();
}

std::string digest(const std::string& alg, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out, &len, md_for(alg), nullptr);
  return std::string(reinterpret_cast<char*>(out), len);
}

/// Independent verification: JWS R||S converted to DER for EC, PKCS#1 / PSS for RSA.
bool openssl_verify(const nlohmann::json& jwk, const std::string& alg, const std::string& dig, std::string sig) {
  Pkey k = public_key(jwk);
  if (alg[0] == 'E') {
    std::size_t n = sig.size() / 2;
    ECDSA_SIG* es = ECDSA_SIG_new();
    ECDSA_SIG_set0(es, bn(sig.substr(0, n)), bn(sig.substr(n)));
    unsigned char* der = nullptr;
    int len = i2d_ECDSA_SIG(es, &der);
    sig.assign(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
    OPENSSL_free(der);
    ECDSA_SIG_free(es);
  }
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(k.get(), nullptr);
  EVP_PKEY_verify_init(ctx);
  EVP_PKEY_CTX_set_signature_md(ctx, md_for(alg));
  if (alg[0] == 'R') EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING);
  if (alg[0] == 'P') {
    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING);
    EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_DIGEST);
  }
  int rc = EVP_PKEY_verify(ctx, reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                           reinterpret_cast<const unsigned char*>(dig.data()), dig.size());
  EVP_PKEY_CTX_free(ctx);
  return rc == 1;
}

std::string openssl_encrypt(const nlohmann::json& jwk, const std::string& alg, const std::string& plain) {
  Pkey k = public_key(jwk);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(k.get(), nullptr);
  EVP_PKEY_encrypt_init(ctx);
  if (alg == "RSA1_5") {
    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING);
  } else {
    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING);
    const EVP_MD* md = alg == "RSA-OAEP" ? EVP_sha1() : EVP_sha256();
    EVP_PKEY_CTX_set_rsa_oaep_md(ctx, md);
    EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md);
  }
  size_t len = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(plain.data());
  EVP_PKEY_encrypt(ctx, nullptr, &len, in, plain.size());
  std::string out(len, '\0');
  EVP_PKEY_encrypt(ctx, reinterpret_cast<unsigned char*>(out.data()), &len, in, plain.size());
  EVP_PKEY_CTX_free(ctx);
  out.resize(len);
  return out;
}

// Generating RSA keys is slow; share one per size across the suite.
const crypto::KeyMaterial& rsa(int bits) {
  static std::map<int, crypto::KeyMaterial> cache;
  auto it = cache.find(bits);
  if (it == cache.end()) it = cache.emplace(bits, crypto::generate_rsa(bits, 65537)).first;
  return it->second;
}
}  // namespace

TEST_SUITE("crypto_key_ops") {
  TEST_CASE("RSA keys of every size sign with RS* and PS*, verified by OpenSSL from the public JWK") {
    for (int bits : {2048, 3072, 4096}) {
      const auto& k = rsa(bits);
      CHECK(k.bits == bits);
      CHECK(k.public_jwk["e"] == "AQAB");
      CHECK(text::base64_decode(k.public_jwk["n"].get<std::string>()).size() == static_cast<std::size_t>(bits / 8));
      for (std::string alg : {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"}) {
        CAPTURE(bits);
        CAPTURE(alg);
        auto d = digest(alg, "hello " + alg);
        auto sig = crypto::sign(k.private_der, alg, d);
        CHECK(openssl_verify(k.public_jwk, alg, d, sig));
        CHECK(crypto::verify(k.private_der, alg, d, sig));
        CHECK_FALSE(crypto::verify(k.private_der, alg, digest(alg, "other"), sig));
      }
    }
  }

  TEST_CASE("EC keys on every curve sign with their ES algorithm as raw R||S") {
    struct C { const char* crv; const char* alg; std::size_t sig_len; };
    for (auto c : {C{"P-256", "ES256", 64}, C{"P-384", "ES384", 96}, C{"P-521", "ES512", 132}, C{"P-256K", "ES256K", 64}}) {
      CAPTURE(c.crv);
      auto k = crypto::generate_ec(c.crv);
      CHECK(k.public_jwk["crv"] == c.crv);
      CHECK(!k.public_jwk.contains("d"));
      auto d = digest(c.alg, "payload");
      auto sig = crypto::sign(k.private_der, c.alg, d);
      CHECK(sig.size() == c.sig_len);
      CHECK(openssl_verify(k.public_jwk, c.alg, d, sig));
      CHECK(crypto::verify(k.private_der, c.alg, d, sig));
    }
  }

  TEST_CASE("RSA encryption round-trips for RSA-OAEP, RSA-OAEP-256 and RSA1_5 from the public JWK") {
    const auto& k = rsa(2048);
    std::string passphrase(172, 'p');  // the ADE passphrase size fits every algorithm
    for (std::string alg : {"RSA-OAEP", "RSA-OAEP-256", "RSA1_5"}) {
      CAPTURE(alg);
      CHECK(crypto::decrypt(k.private_der, alg, openssl_encrypt(k.public_jwk, alg, passphrase)) == passphrase);
      CHECK(crypto::decrypt(k.private_der, alg, crypto::encrypt(k.private_der, alg, passphrase)) == passphrase);
    }
  }

  TEST_CASE("bad inputs are BadParameter errors") {
    const auto& k = rsa(2048);
    auto bad = [](const std::function<void()>& fn) {
      try {
        fn();
      } catch (const AzureError& e) {
        return e.code() == "BadParameter";
      }
      return false;
    };
    CHECK(bad([&] { crypto::generate_rsa(1024, 65537); }));
    CHECK(bad([&] { crypto::generate_ec("P-224"); }));
    CHECK(bad([&] { crypto::sign(k.private_der, "RS256", "short"); }));
    CHECK(bad([&] { crypto::sign(k.private_der, "ES256", std::string(32, 'x')); }));
    CHECK(bad([&] { crypto::encrypt(k.private_der, "A256GCM", "x"); }));
    CHECK(bad([&] { crypto::encrypt(k.private_der, "RSA-OAEP", std::string(300, 'x')); }));
    auto ec = crypto::generate_ec("P-256");
    CHECK(bad([&] { crypto::sign(ec.private_der, "ES384", std::string(48, 'x')); }));
    CHECK(bad([&] { crypto::encrypt(ec.private_der, "RSA-OAEP", "x"); }));
  }

  TEST_CASE("a JWK with private parts imports to the same public key") {
    // Export the generated key's private parts through OpenSSL, then import them as a JWK.
    const auto& k = rsa(2048);
    const auto* p = reinterpret_cast<const unsigned char*>(k.private_der.data());
    Pkey pk(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(k.private_der.size())), EVP_PKEY_free);
    auto part = [&](const char* name) {
      BIGNUM* b = nullptr;
      EVP_PKEY_get_bn_param(pk.get(), name, &b);
      std::string s(static_cast<std::size_t>(BN_num_bytes(b)), '\0');
      BN_bn2bin(b, reinterpret_cast<unsigned char*>(s.data()));
      BN_free(b);
      return text::base64url_encode(s);
    };
    nlohmann::json jwk = {{"kty", "RSA"}, {"n", k.public_jwk["n"]}, {"e", k.public_jwk["e"]},
                          {"d", part(OSSL_PKEY_PARAM_RSA_D)}, {"p", part(OSSL_PKEY_PARAM_RSA_FACTOR1)},
                          {"q", part(OSSL_PKEY_PARAM_RSA_FACTOR2)}, {"dp", part(OSSL_PKEY_PARAM_RSA_EXPONENT1)},
                          {"dq", part(OSSL_PKEY_PARAM_RSA_EXPONENT2)}, {"qi", part(OSSL_PKEY_PARAM_RSA_COEFFICIENT1)}};
    auto imported = crypto::import_jwk("RSA", jwk);
    CHECK(imported.public_jwk == k.public_jwk);
    auto d = digest("RS256", "x");
    CHECK(openssl_verify(k.public_jwk, "RS256", d, crypto::sign(imported.private_der, "RS256", d)));

    auto ec = crypto::generate_ec("P-384");
    const auto* q = reinterpret_cast<const unsigned char*>(ec.private_der.data());
    Pkey epk(d2i_AutoPrivateKey(nullptr, &q, static_cast<long>(ec.private_der.size())), EVP_PKEY_free);
    BIGNUM* priv = nullptr;
    EVP_PKEY_get_bn_param(epk.get(), OSSL_PKEY_PARAM_PRIV_KEY, &priv);
    std::string dbytes(48, '\0');
    BN_bn2binpad(priv, reinterpret_cast<unsigned char*>(dbytes.data()), 48);
    BN_free(priv);
    nlohmann::json ejwk = ec.public_jwk;
    ejwk["d"] = text::base64url_encode(dbytes);
    CHECK(crypto::import_jwk("EC", ejwk).public_jwk == ec.public_jwk);
  }

  TEST_CASE("an EC JWK whose coordinates lack their leading zero bytes (az's PEM import) imports") {
    // az keyvault key import --pem-file writes x, y and d as minimal big-endian integers (_int_to_bytes).
    auto strip = [](const std::string& b64url) {
      std::string v = text::base64_decode(b64url);
      while (!v.empty() && v.front() == '\0') v.erase(0, 1);
      return text::base64url_encode(v);
    };
    for (int i = 0; i < 20000; ++i) {
      auto ec = crypto::generate_ec("P-256");
      const std::string x = b64(ec.public_jwk, "x"), y = b64(ec.public_jwk, "y");
      if (x[0] != '\0' && y[0] != '\0') continue;
      const auto* q = reinterpret_cast<const unsigned char*>(ec.private_der.data());
      Pkey epk(d2i_AutoPrivateKey(nullptr, &q, static_cast<long>(ec.private_der.size())), EVP_PKEY_free);
      BIGNUM* priv = nullptr;
      EVP_PKEY_get_bn_param(epk.get(), OSSL_PKEY_PARAM_PRIV_KEY, &priv);
      std::string d(static_cast<std::size_t>(BN_num_bytes(priv)), '\0');
      BN_bn2bin(priv, reinterpret_cast<unsigned char*>(d.data()));
      BN_free(priv);
      nlohmann::json jwk = {{"kty", "EC"}, {"crv", "P-256"}, {"x", strip(ec.public_jwk["x"])},
                            {"y", strip(ec.public_jwk["y"])}, {"d", text::base64url_encode(d)}};
      CHECK(crypto::import_jwk("EC", jwk).public_jwk == ec.public_jwk);
      return;
    }
    FAIL("no P-256 key with a leading zero byte in x or y in 20000 tries");
  }

  TEST_CASE("JWKs that cannot become a stored key are BadParameter, not a 500 (fuzz_jwk_import)") {
    // Was: an n/e/d-only RSA JWK imported, then i2d_PrivateKey failed with std::runtime_error (a
    // 500); parts of two different keys imported and signed garbage; "crv":7 threw json type_error.
    const auto& k = rsa(2048);
    const auto& other = rsa(3072);
    const auto* p = reinterpret_cast<const unsigned char*>(k.private_der.data());
    Pkey pk(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(k.private_der.size())), EVP_PKEY_free);
    auto part = [&](const char* name) {
      BIGNUM* b = nullptr;
      EVP_PKEY_get_bn_param(pk.get(), name, &b);
      std::string s(static_cast<std::size_t>(BN_num_bytes(b)), '\0');
      BN_bn2bin(b, reinterpret_cast<unsigned char*>(s.data()));
      BN_free(b);
      return text::base64url_encode(s);
    };
    nlohmann::json full = {{"kty", "RSA"}, {"n", k.public_jwk["n"]}, {"e", k.public_jwk["e"]},
                           {"d", part(OSSL_PKEY_PARAM_RSA_D)}, {"p", part(OSSL_PKEY_PARAM_RSA_FACTOR1)},
                           {"q", part(OSSL_PKEY_PARAM_RSA_FACTOR2)}, {"dp", part(OSSL_PKEY_PARAM_RSA_EXPONENT1)},
                           {"dq", part(OSSL_PKEY_PARAM_RSA_EXPONENT2)}, {"qi", part(OSSL_PKEY_PARAM_RSA_COEFFICIENT1)}};
    auto code_of = [](const nlohmann::json& jwk, const std::string& kty) -> std::string {
      try {
        crypto::import_jwk(kty, jwk);
      } catch (const AzureError& e) {
        return e.code();
      }
      return "imported";
    };
    CHECK(code_of(full, "RSA") == "imported");
    nlohmann::json ned = {{"kty", "RSA"}, {"n", full["n"]}, {"e", full["e"]}, {"d", full["d"]}};
    CHECK(code_of(ned, "RSA") == "BadParameter");
    nlohmann::json mixed = full;
    mixed["n"] = other.public_jwk["n"];  // d, p, q of one key with the modulus of another
    CHECK(code_of(mixed, "RSA") == "BadParameter");
    nlohmann::json huge = full;
    huge["n"] = text::base64url_encode(std::string(1024, '\x7f'));  // 8192 bits
    CHECK(code_of(huge, "RSA") == "BadParameter");
    nlohmann::json ec = crypto::generate_ec("P-256").public_jwk;
    ec["d"] = "AQ";
    CHECK(code_of(ec, "EC") == "BadParameter");  // d = 1 does not match the public point
    ec["crv"] = 7;
    CHECK(code_of(ec, "EC") == "BadParameter");
  }
}
