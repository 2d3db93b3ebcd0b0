// RSA signing key with OpenSSL 3 EVP; see signing_key.hpp.
#include "emulator/auth/signing_key.hpp"

#include "emulator/json/strings.hpp"

#include <nlohmann/json.hpp>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>

#include <cstdio>
#include <fcntl.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace azemu::auth {

struct SigningKey::Impl {
  EVP_PKEY* pkey = nullptr;
  ~Impl() { EVP_PKEY_free(pkey); }
};

namespace {
std::string bn_param(EVP_PKEY* pkey, const char* name) {
  BIGNUM* bn = nullptr;
  if (!EVP_PKEY_get_bn_param(pkey, name, &bn)) throw std::runtime_error("EVP_PKEY_get_bn_param");
  std::string out(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
  BN_free(bn);
  return out;
}

std::string compute_kid(EVP_PKEY* pkey) {
  std::string n = bn_param(pkey, OSSL_PKEY_PARAM_RSA_N);
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(n.data()), n.size(), md);
  return text::base64url_encode(std::string_view(reinterpret_cast<char*>(md), 20));
}

EVP_PKEY* generate_rsa() {
  EVP_PKEY* pkey = EVP_RSA_gen(2048);
  if (!pkey) throw std::runtime_error("RSA key generation failed");
  return pkey;
}
}  // namespace

SigningKey::SigningKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) { kid_ = compute_kid(impl_->pkey); }
SigningKey::~SigningKey() = default;
SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&&) noexcept = default;

SigningKey SigningKey::generate() {
  auto impl = std::make_unique<Impl>();
  impl->pkey = generate_rsa();
  return SigningKey(std::move(impl));
}

SigningKey SigningKey::load_or_create(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  if (FILE* f = std::fopen(path.c_str(), "r")) {
    impl->pkey = PEM_read_PrivateKey(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    if (!impl->pkey) throw std::runtime_error("cannot read signing key " + path);
    return SigningKey(std::move(impl));
  }
  impl->pkey = generate_rsa();
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) throw std::runtime_error("cannot write " + tmp);
  FILE* f = ::fdopen(fd, "w");
  PEM_write_PrivateKey(f, impl->pkey, nullptr, nullptr, 0, nullptr, nullptr);
  std::fflush(f);
  ::fsync(fd);
  std::fclose(f);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw std::runtime_error("cannot rename " + tmp);
  return SigningKey(std::move(impl));
}

std::string SigningKey::sign(std::string_view data) const {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::size_t len = 0;
  std::string sig;
  if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, impl_->pkey) == 1 &&
      EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1) {
    sig.resize(len);
    if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                       reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1)
      sig.clear();
    sig.resize(len);
  }
  EVP_MD_CTX_free(ctx);
  if (sig.empty()) throw std::runtime_error("RS256 signing failed");
  return sig;
}

bool SigningKey::verify(std::string_view data, std::string_view signature) const {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, impl_->pkey) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                             reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

nlohmann::json SigningKey::jwk() const {
  return {{"kty", "RSA"},
          {"use", "sig"},
          {"kid", kid_},
          {"x5t", kid_},
          {"alg", "RS256"},
          {"n", text::base64url_encode(bn_param(impl_->pkey, OSSL_PKEY_PARAM_RSA_N))},
          {"e", text::base64url_encode(bn_param(impl_->pkey, OSSL_PKEY_PARAM_RSA_E))}};
}

}  // namespace azemu::auth
