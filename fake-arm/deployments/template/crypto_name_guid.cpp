// arm_guid(): RFC 4122 §4.3 name-based UUID, version 5 (SHA-1), in ARM's namespace. The only file
// of the template engine that touches OpenSSL (STYLE §3: crypto lives in crypto_*.cpp).
#include "fake-arm/deployments/template/unique_string.hpp"

#include <openssl/evp.h>

#include <cstdio>
#include <stdexcept>

namespace azemu::arm::tmpl {

std::string arm_guid(std::string_view joined) {
  // 11fb06fb-712d-4ddd-98c7-e71bbd588830 in network byte order.
  static const unsigned char kNamespace[16] = {0x11, 0xfb, 0x06, 0xfb, 0x71, 0x2d, 0x4d, 0xdd,
                                               0x98, 0xc7, 0xe7, 0x1b, 0xbd, 0x58, 0x88, 0x30};
  unsigned char h[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha1(), nullptr) == 1 &&
            EVP_DigestUpdate(ctx, kNamespace, sizeof kNamespace) == 1 &&
            EVP_DigestUpdate(ctx, joined.data(), joined.size()) == 1 && EVP_DigestFinal_ex(ctx, h, &n) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok || n < 16) throw std::runtime_error("SHA-1 digest failed");
  h[6] = static_cast<unsigned char>((h[6] & 0x0F) | 0x50);  // version 5
  h[8] = static_cast<unsigned char>((h[8] & 0x3F) | 0x80);  // RFC 4122 variant
  char out[37];
  std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", h[0], h[1], h[2],
                h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12], h[13], h[14], h[15]);
  return out;
}

}  // namespace azemu::arm::tmpl
