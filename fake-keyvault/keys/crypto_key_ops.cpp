// OpenSSL 3 implementation of crypto_key_ops.hpp. EC signatures are converted between OpenSSL's
// DER ECDSA-Sig-Value and the fixed-width R||S that Key Vault (JWS, RFC 7518 §3.4) uses.
#include "fake-keyvault/keys/crypto_key_ops.hpp"

#include "emulator/json/strings.hpp"
#include "fake-keyvault/errors.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>
#include <mutex>
#include <unordered_map>

namespace azemu::kv::crypto {

namespace {
using Pkey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)>;
using Bn = std::unique_ptr<BIGNUM, decltype(&BN_free)>;

struct Curve { const char* jwk; const char* ossl; int bytes; };
constexpr Curve kCurves[] = {{"P-256", "prime256v1", 32}, {"P-384", "secp384r1", 48},
                             {"P-521", "secp521r1", 66}, {"P-256K", "secp256k1", 32}};

const Curve* curve_by_jwk(const std::string& crv) {
  for (const auto& c : kCurves) if (crv == c.jwk) return &c;
  return nullptr;
}
const Curve* curve_by_ossl(const std::string& name) {
  for (const auto& c : kCurves) if (name == c.ossl) return &c;
  if (name == "P-256") return &kCurves[0];
  return nullptr;
}

/// The parsed key for stored DER. Parsing costs several times the RSA operation itself (OpenSSL 3's
/// decoders take global locks, and a fresh RSA key computes its blinding factors on first use), so
/// parsed keys are kept, keyed by the SHA-256 of their DER, and shared: OpenSSL allows concurrent
/// operations on one EVP_PKEY, each with its own EVP_PKEY_CTX. Bounded: the cache empties at 4096 keys.
std::shared_ptr<EVP_PKEY> load(const std::string& der) {
  unsigned char md[32];
  unsigned int md_len = 0;
  if (EVP_Digest(der.data(), der.size(), md, &md_len, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("digest failed");
  std::string fingerprint(reinterpret_cast<const char*>(md), md_len);
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<EVP_PKEY>> parsed;
  {
    std::lock_guard lock(mutex);
    if (auto it = parsed.find(fingerprint); it != parsed.end()) return it->second;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  std::shared_ptr<EVP_PKEY> k(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(der.size())), EVP_PKEY_free);
  if (!k) throw std::runtime_error("stored key material does not parse");
  std::lock_guard lock(mutex);
  if (parsed.size() >= 4096) parsed.clear();
  return parsed.emplace(std::move(fingerprint), std::move(k)).first->second;
}

std::string to_der(EVP_PKEY* k) {
  int len = i2d_PrivateKey(k, nullptr);
  if (len <= 0) throw std::runtime_error("i2d_PrivateKey failed");
  std::string out(static_cast<std::size_t>(len), '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  i2d_PrivateKey(k, &p);
  return out;
}

std::string bn_param(EVP_PKEY* k, const char* name, int pad = 0) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(k, name, &bn) != 1) throw std::runtime_error(std::string("missing key param ") + name);
  Bn owned(bn, BN_free);
  int n = pad > 0 ? pad : BN_num_bytes(bn);
  std::string out(static_cast<std::size_t>(n), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), n);
  return out;
}

std::string curve_name(EVP_PKEY* k) {
  char name[64] = {0};
  size_t len = 0;
  EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &len);
  return name;
}

KeyMaterial describe(EVP_PKEY* k) {
  KeyMaterial m;
  m.private_der = to_der(k);
  if (EVP_PKEY_base_id(k) == EVP_PKEY_RSA) {
    m.public_jwk = {{"n", text::base64url_encode(bn_param(k, OSSL_PKEY_PARAM_RSA_N))},
                    {"e", text::base64url_encode(bn_param(k, OSSL_PKEY_PARAM_RSA_E))}};
  } else {
    const Curve* c = curve_by_ossl(curve_name(k));
    if (!c) throw errors::bad_parameter("Unsupported curve.");
    m.public_jwk = {{"crv", c->jwk},
                    {"x", text::base64url_encode(bn_param(k, OSSL_PKEY_PARAM_EC_PUB_X, c->bytes))},
                    {"y", text::base64url_encode(bn_param(k, OSSL_PKEY_PARAM_EC_PUB_Y, c->bytes))}};
  }
  m.bits = EVP_PKEY_get_bits(k);
  return m;
}

std::string b64_field(const nlohmann::json& jwk, const char* name) {
  if (!jwk.contains(name) || !jwk[name].is_string())
    throw errors::bad_parameter(std::string("The JSON Web Key is missing '") + name + "'.");
  try {
    return text::base64_decode(jwk[name].get<std::string>());
  } catch (const std::invalid_argument&) {
    throw errors::bad_parameter(std::string("The JSON Web Key field '") + name + "' is not valid base64url.");
  }
}

void push_bn(OSSL_PARAM_BLD* bld, const char* name, const std::string& bytes, std::vector<Bn>& keep) {
  keep.emplace_back(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()),
                              nullptr), BN_free);
  OSSL_PARAM_BLD_push_BN(bld, name, keep.back().get());
}

Pkey from_params(const char* type, OSSL_PARAM_BLD* bld) {
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(bld), OSSL_PARAM_free);
  PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr), EVP_PKEY_CTX_free);
  EVP_PKEY* k = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &k, EVP_PKEY_KEYPAIR, params.get()) != 1)
    throw errors::bad_parameter("The JSON Web Key is not a valid key.");
  Pkey key(k, EVP_PKEY_free);
  // fromdata takes the numbers as given: parts that do not belong together (a d for another n, a
  // point off the curve) would import and then sign garbage. EVP_PKEY_check tests the whole key.
  PkeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr), EVP_PKEY_CTX_free);
  if (!check || EVP_PKEY_check(check.get()) != 1) throw errors::bad_parameter("The JSON Web Key is not a valid key.");
  return key;
}

struct RsaAlg { const char* name; int padding; const EVP_MD* (*md)(); };
const RsaAlg* rsa_enc_alg(const std::string& alg) {
  static const RsaAlg algs[] = {{"RSA-OAEP", RSA_PKCS1_OAEP_PADDING, EVP_sha1},
                                {"RSA-OAEP-256", RSA_PKCS1_OAEP_PADDING, EVP_sha256},
                                {"RSA1_5", RSA_PKCS1_PADDING, nullptr}};
  for (const auto& a : algs) if (alg == a.name) return &a;
  throw errors::bad_parameter("Invalid algorithm: '" + alg + "'.");
}

PkeyCtx enc_ctx(EVP_PKEY* k, const RsaAlg& a, bool encrypt) {
  if (EVP_PKEY_base_id(k) != EVP_PKEY_RSA) throw errors::bad_parameter("Algorithm " + std::string(a.name) + " requires an RSA key.");
  PkeyCtx ctx(EVP_PKEY_CTX_new(k, nullptr), EVP_PKEY_CTX_free);
  bool ok = (encrypt ? EVP_PKEY_encrypt_init(ctx.get()) : EVP_PKEY_decrypt_init(ctx.get())) == 1 &&
            EVP_PKEY_CTX_set_rsa_padding(ctx.get(), a.padding) == 1;
  if (ok && a.md) ok = EVP_PKEY_CTX_set_rsa_oaep_md(ctx.get(), a.md()) == 1 && EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), a.md()) == 1;
  if (!ok) throw std::runtime_error("RSA context setup failed");
  return ctx;
}

struct SignAlg { const char* name; bool rsa; int padding; const EVP_MD* (*md)(); const char* curve; };
const SignAlg& sign_alg(const std::string& alg) {
  static const SignAlg algs[] = {
      {"RS256", true, RSA_PKCS1_PADDING, EVP_sha256, nullptr}, {"RS384", true, RSA_PKCS1_PADDING, EVP_sha384, nullptr},
      {"RS512", true, RSA_PKCS1_PADDING, EVP_sha512, nullptr}, {"PS256", true, RSA_PKCS1_PSS_PADDING, EVP_sha256, nullptr},
      {"PS384", true, RSA_PKCS1_PSS_PADDING, EVP_sha384, nullptr}, {"PS512", true, RSA_PKCS1_PSS_PADDING, EVP_sha512, nullptr},
      {"ES256", false, 0, EVP_sha256, "P-256"}, {"ES384", false, 0, EVP_sha384, "P-384"},
      {"ES512", false, 0, EVP_sha512, "P-521"}, {"ES256K", false, 0, EVP_sha256, "P-256K"}};
  for (const auto& a : algs) if (alg == a.name) return a;
  throw errors::bad_parameter("Invalid algorithm: '" + alg + "'.");
}

PkeyCtx sign_ctx(EVP_PKEY* k, const SignAlg& a, std::string_view digest, bool sign) {
  if (a.rsa != (EVP_PKEY_base_id(k) == EVP_PKEY_RSA))
    throw errors::bad_parameter("Algorithm " + std::string(a.name) + " is not valid for this key type.");
  if (!a.rsa) {
    const Curve* c = curve_by_ossl(curve_name(k));
    if (!c || std::string(c->jwk) != a.curve)
      throw errors::bad_parameter("Algorithm " + std::string(a.name) + " does not match the key's curve.");
  }
  if (static_cast<int>(digest.size()) != EVP_MD_get_size(a.md()))
    throw errors::bad_parameter("The digest length does not match algorithm " + std::string(a.name) + ".");
  PkeyCtx ctx(EVP_PKEY_CTX_new(k, nullptr), EVP_PKEY_CTX_free);
  bool ok = (sign ? EVP_PKEY_sign_init(ctx.get()) : EVP_PKEY_verify_init(ctx.get())) == 1 &&
            EVP_PKEY_CTX_set_signature_md(ctx.get(), a.md()) == 1;
  if (ok && a.rsa) ok = EVP_PKEY_CTX_set_rsa_padding(ctx.get(), a.padding) == 1;
  // Spec: JWA PS* use a salt as long as the hash.
  if (ok && a.padding == RSA_PKCS1_PSS_PADDING) ok = EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), RSA_PSS_SALTLEN_DIGEST) == 1;
  if (!ok) throw std::runtime_error("signature context setup failed");
  return ctx;
}

int field_bytes(EVP_PKEY* k) { return (EVP_PKEY_get_bits(k) + 7) / 8; }
}  // namespace

KeyMaterial generate_rsa(int bits, unsigned long public_exponent) {
  if (bits != 2048 && bits != 3072 && bits != 4096)
    throw errors::bad_parameter("Invalid key size " + std::to_string(bits) + ". Supported sizes: 2048, 3072, 4096.");
  PkeyCtx ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nullptr), EVP_PKEY_CTX_free);
  Bn e(BN_new(), BN_free);
  BN_set_word(e.get(), public_exponent);
  EVP_PKEY* k = nullptr;
  if (EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), bits) != 1 ||
      EVP_PKEY_CTX_set1_rsa_keygen_pubexp(ctx.get(), e.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &k) != 1)
    throw errors::bad_parameter("RSA key generation failed for the given parameters.");
  Pkey owned(k, EVP_PKEY_free);
  return describe(k);
}

KeyMaterial generate_ec(const std::string& crv) {
  const Curve* c = curve_by_jwk(crv);
  if (!c) throw errors::bad_parameter("Invalid curve '" + crv + "'. Supported: P-256, P-384, P-521, P-256K.");
  EVP_PKEY* k = EVP_EC_gen(c->ossl);
  if (!k) throw std::runtime_error("EC key generation failed");
  Pkey owned(k, EVP_PKEY_free);
  return describe(k);
}

KeyMaterial import_jwk(const std::string& kty, const nlohmann::json& jwk) {
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> bld(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
  std::vector<Bn> keep;
  if (kty == "RSA") {
    const std::string n = b64_field(jwk, "n");
    // Key Vault's RSA sizes; a 60,000-bit modulus would make the checks below run for minutes.
    if (n.size() * 8 < 1024 || n.size() * 8 > 4096) throw errors::bad_parameter("The RSA key size is not supported.");
    push_bn(bld.get(), OSSL_PKEY_PARAM_RSA_N, n, keep);
    push_bn(bld.get(), OSSL_PKEY_PARAM_RSA_E, b64_field(jwk, "e"), keep);
    push_bn(bld.get(), OSSL_PKEY_PARAM_RSA_D, b64_field(jwk, "d"), keep);
    // The CRT parts are required: the key is stored as a PKCS#1 RSAPrivateKey, which cannot be
    // written without them (fuzz_jwk_import: an n/e/d-only JWK failed in i2d_PrivateKey, a 500).
    push_bn(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR1, b64_field(jwk, "p"), keep);
    push_bn(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR2, b64_field(jwk, "q"), keep);
    push_bn(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT1, b64_field(jwk, "dp"), keep);
    push_bn(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT2, b64_field(jwk, "dq"), keep);
    push_bn(bld.get(), OSSL_PKEY_PARAM_RSA_COEFFICIENT1, b64_field(jwk, "qi"), keep);
    Pkey k = from_params("RSA", bld.get());
    return describe(k.get());
  }
  if (kty == "EC") {
    auto crv = jwk.find("crv");
    const Curve* c = crv != jwk.end() && crv->is_string() ? curve_by_jwk(crv->get<std::string>()) : nullptr;
    if (!c) throw errors::bad_parameter("The JSON Web Key has an unsupported or missing 'crv'.");
    // x and y may come without their leading zero bytes: az's import_key (_int_to_bytes) writes the coordinates of a
    // PEM key as minimal big-endian integers. Decision: Azure's handling is not documented, but az has sent them so
    // for years with no reported failure, so they are accepted; the point needs each at the curve's full width.
    auto coordinate = [&](const char* name) {
      std::string v = b64_field(jwk, name);
      const auto width = static_cast<std::size_t>(c->bytes);
      while (v.size() > width && v.front() == '\0') v.erase(0, 1);
      if (v.size() > width) throw errors::bad_parameter("The JSON Web Key is not a valid key.");
      return std::string(width - v.size(), '\0') + v;
    };
    std::string point = "\x04" + coordinate("x") + coordinate("y");
    OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, c->ossl, 0);
    OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
    push_bn(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, b64_field(jwk, "d"), keep);
    Pkey k = from_params("EC", bld.get());
    return describe(k.get());
  }
  throw errors::bad_parameter("Unsupported key type '" + kty + "' for import.");
}

std::string encrypt(const std::string& der, const std::string& alg, std::string_view plaintext) {
  auto k = load(der);
  const RsaAlg* a = rsa_enc_alg(alg);
  auto ctx = enc_ctx(k.get(), *a, true);
  size_t len = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(plaintext.data());
  if (EVP_PKEY_encrypt(ctx.get(), nullptr, &len, in, plaintext.size()) != 1)
    throw errors::bad_parameter("Encryption failed.");
  std::string out(len, '\0');
  if (EVP_PKEY_encrypt(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len, in, plaintext.size()) != 1)
    throw errors::bad_parameter("The plaintext is too long for algorithm " + alg + " and this key size.");
  out.resize(len);
  return out;
}

std::string decrypt(const std::string& der, const std::string& alg, std::string_view ciphertext) {
  auto k = load(der);
  const RsaAlg* a = rsa_enc_alg(alg);
  auto ctx = enc_ctx(k.get(), *a, false);
  size_t len = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(ciphertext.data());
  if (EVP_PKEY_decrypt(ctx.get(), nullptr, &len, in, ciphertext.size()) != 1)
    throw errors::bad_parameter("Decryption failed.");
  std::string out(len, '\0');
  if (EVP_PKEY_decrypt(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len, in, ciphertext.size()) != 1)
    throw errors::bad_parameter("The ciphertext could not be decrypted with this key and algorithm.");
  out.resize(len);
  return out;
}

std::string sign(const std::string& der, const std::string& alg, std::string_view digest) {
  auto k = load(der);
  const SignAlg& a = sign_alg(alg);
  auto ctx = sign_ctx(k.get(), a, digest, true);
  size_t len = 0;
  const auto* d = reinterpret_cast<const unsigned char*>(digest.data());
  if (EVP_PKEY_sign(ctx.get(), nullptr, &len, d, digest.size()) != 1) throw std::runtime_error("sign failed");
  std::string sig(len, '\0');
  if (EVP_PKEY_sign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, d, digest.size()) != 1)
    throw std::runtime_error("sign failed");
  sig.resize(len);
  if (a.rsa) return sig;
  const auto* p = reinterpret_cast<const unsigned char*>(sig.data());
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> es(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size())), ECDSA_SIG_free);
  int n = field_bytes(k.get());
  std::string raw(static_cast<std::size_t>(2 * n), '\0');
  auto* r = reinterpret_cast<unsigned char*>(raw.data());
  BN_bn2binpad(ECDSA_SIG_get0_r(es.get()), r, n);
  BN_bn2binpad(ECDSA_SIG_get0_s(es.get()), r + n, n);
  return raw;
}

bool verify(const std::string& der, const std::string& alg, std::string_view digest, std::string_view signature) {
  auto k = load(der);
  const SignAlg& a = sign_alg(alg);
  auto ctx = sign_ctx(k.get(), a, digest, false);
  std::string sig(signature);
  if (!a.rsa) {
    int n = field_bytes(k.get());
    if (static_cast<int>(signature.size()) != 2 * n) return false;
    const auto* s = reinterpret_cast<const unsigned char*>(signature.data());
    ECDSA_SIG* es = ECDSA_SIG_new();
    ECDSA_SIG_set0(es, BN_bin2bn(s, n, nullptr), BN_bin2bn(s + n, n, nullptr));
    unsigned char* out = nullptr;
    int len = i2d_ECDSA_SIG(es, &out);
    ECDSA_SIG_free(es);
    sig.assign(reinterpret_cast<char*>(out), static_cast<std::size_t>(len));
    OPENSSL_free(out);
  }
  return EVP_PKEY_verify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                         reinterpret_cast<const unsigned char*>(digest.data()), digest.size()) == 1;
}

}  // namespace azemu::kv::crypto
