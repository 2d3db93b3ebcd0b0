// PBKDF2 and SHA-256 over OpenSSL; see password_hash.hpp. Nothing else in fake-aad touches OpenSSL.
#include "fake-aad/directory/password_hash.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <mutex>
#include <stdexcept>
#include <unordered_map>

namespace azemu::aad {

namespace {
std::string derive(std::string_view password, std::string_view salt, int iterations) {
  unsigned char out[32];
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()),
                        iterations, EVP_sha256(), sizeof out, out) != 1)
    throw std::runtime_error("PBKDF2 failed");
  return text::base64_encode(std::string_view(reinterpret_cast<const char*>(out), sizeof out));
}
// What derive() returned for a (salt, iterations, candidate), keyed by a one-way digest so the cache
// holds no candidate in the clear. Bounded: cleared when full, then refilled by use.
class DerivedCache {
public:
  std::string derive_cached(std::string_view password, std::string_view salt, int iterations) {
    std::string key = sha256_hex(std::string(salt) + ':' + std::to_string(iterations) + ':' + std::string(password));
    {
      std::lock_guard lock(mutex_);
      if (auto it = map_.find(key); it != map_.end()) return it->second;
    }
    std::string derived = derive(password, salt, iterations);
    std::lock_guard lock(mutex_);
    if (map_.size() >= 4096) map_.clear();
    map_.emplace(std::move(key), derived);
    return derived;
  }

private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::string> map_;
};
}  // namespace

PasswordHash hash_password(std::string_view password, int iterations) {
  PasswordHash h;
  h.salt = ids::random_hex(16);
  h.iterations = iterations;
  h.hash = derive(password, h.salt, iterations);
  return h;
}

bool verify_password(std::string_view password, const PasswordHash& stored) {
  if (stored.hash.empty() || stored.iterations <= 0) return false;
  static DerivedCache cache;
  std::string candidate = cache.derive_cached(password, stored.salt, stored.iterations);
  return candidate.size() == stored.hash.size() &&
         CRYPTO_memcmp(candidate.data(), stored.hash.data(), candidate.size()) == 0;
}

std::string sha256_hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

}  // namespace azemu::aad
