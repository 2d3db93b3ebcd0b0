// GUIDs and secrets from OpenSSL's RAND_bytes (crypto_ prefix: this file may include OpenSSL).
#include "emulator/ids/guid.hpp"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cctype>
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace azemu::ids {

namespace {
std::vector<unsigned char> random_bytes(std::size_t n) {
  std::vector<unsigned char> b(n);
  if (RAND_bytes(b.data(), static_cast<int>(n)) != 1) throw std::runtime_error("RAND_bytes failed");
  return b;
}

std::string format_guid(const unsigned char* b) {
  char out[37];
  std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  return out;
}
}  // namespace

std::string new_guid() {
  auto b = random_bytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return format_guid(b.data());
}

std::string name_guid(std::string_view name) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(name.data()), name.size(), md);
  md[6] = (md[6] & 0x0f) | 0x50;
  md[8] = (md[8] & 0x3f) | 0x80;
  return format_guid(md);
}

std::string random_octets(std::size_t n) {
  auto b = random_bytes(n);
  return std::string(b.begin(), b.end());
}

std::string random_hex(std::size_t bytes) {
  static const char* hex = "0123456789abcdef";
  auto b = random_bytes(bytes);
  std::string s;
  s.reserve(bytes * 2);
  for (unsigned char c : b) { s += hex[c >> 4]; s += hex[c & 15]; }
  return s;
}

std::string random_secret(std::size_t length) {
  static const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-";
  auto b = random_bytes(length);
  std::string s;
  // The first character is alphanumeric, as in Entra's secrets: one starting with '-' reads as an
  // option to `az login -p` ("expected one argument"), seen in 1 of 66 test runs.
  const std::size_t alnum = 62;
  for (unsigned char c : b) s += alphabet[c % (s.empty() ? alnum : alphabet.size())];
  return s;
}

std::string entra_client_secret() {
  std::string s = random_secret(3) + "8Q~" + random_secret(34);
  while (s.front() == '-') s.front() = random_secret(1).front();
  return s;
}

bool is_guid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < 36; ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i] != '-') return false;
    } else if (!std::isxdigit(static_cast<unsigned char>(s[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace azemu::ids
