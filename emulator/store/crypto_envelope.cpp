// AES-256-GCM envelope; see crypto_envelope.hpp. One of the few files allowed to include OpenSSL.
#include "emulator/store/crypto_envelope.hpp"

#include "emulator/json/strings.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>

namespace azemu::store {

namespace {
constexpr int kIv = 12;
constexpr int kTag = 16;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

Envelope::Envelope(const std::string& hex) {
  if (hex.size() != 64) throw std::invalid_argument("master key must be 64 hex characters");
  for (std::size_t i = 0; i < 64; i += 2) {
    int hi = hex_value(hex[i]), lo = hex_value(hex[i + 1]);
    if (hi < 0 || lo < 0) throw std::invalid_argument("master key must be hex");
    key_.push_back(static_cast<char>(hi * 16 + lo));
  }
}

std::string Envelope::seal(std::string_view plaintext, std::string_view aad) const {
  unsigned char iv[kIv];
  if (RAND_bytes(iv, kIv) != 1) throw std::runtime_error("RAND_bytes failed");
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::string out(kIv + kTag + plaintext.size(), '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  std::copy(iv, iv + kIv, o);
  int len = 0, total = 0;
  bool ok = EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr,
                               reinterpret_cast<const unsigned char*>(key_.data()), iv) == 1 &&
            EVP_EncryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                              static_cast<int>(aad.size())) == 1 &&
            EVP_EncryptUpdate(ctx.get(), o + kIv + kTag, &len,
                              reinterpret_cast<const unsigned char*>(plaintext.data()),
                              static_cast<int>(plaintext.size())) == 1;
  total = len;
  ok = ok && EVP_EncryptFinal_ex(ctx.get(), o + kIv + kTag + total, &len) == 1 &&
       EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTag, o + kIv) == 1;
  if (!ok) throw std::runtime_error("AES-GCM seal failed");
  return text::base64_encode(out);
}

std::optional<std::string> Envelope::open(std::string_view sealed, std::string_view aad) const {
  std::string raw;
  try {
    raw = text::base64_decode(sealed);
  } catch (const std::invalid_argument&) {
    return std::nullopt;  // not ours: the caller reports its own error
  }
  if (raw.size() < static_cast<std::size_t>(kIv + kTag)) return std::nullopt;
  auto* r = reinterpret_cast<unsigned char*>(raw.data());
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::string out(raw.size() - kIv - kTag, '\0');
  int len = 0;
  bool ok = EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr,
                               reinterpret_cast<const unsigned char*>(key_.data()), r) == 1 &&
            EVP_DecryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                              static_cast<int>(aad.size())) == 1 &&
            EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len, r + kIv + kTag,
                              static_cast<int>(out.size())) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTag, r + kIv) == 1;
  int fin = 0;
  ok = ok && EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + len, &fin) == 1;
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace azemu::store
