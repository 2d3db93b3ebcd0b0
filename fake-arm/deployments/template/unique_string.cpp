// Microsoft's MurmurHash64 variant: two interleaved 32-bit MurmurHash3-style lanes with custom
// constants, combined into 64 bits. See unique_string.hpp for the source of the algorithm.
#include "fake-arm/deployments/template/unique_string.hpp"

namespace azemu::arm::tmpl {
namespace {

constexpr std::uint32_t kC1 = 0x239b961b, kC2 = 0xab0e9789, kC3 = 0x561ccd1b, kC4 = 0x0bcaa747;
constexpr std::uint32_t kF1 = 0x85ebca6b, kF2 = 0xc2b2ae35;

std::uint32_t rotl(std::uint32_t v, int n) { return (v << n) | (v >> (32 - n)); }

std::uint32_t le32(const unsigned char* p, std::size_t n) {  // n ≤ 4 bytes, little endian
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v |= static_cast<std::uint32_t>(p[i]) << (8 * i);
  return v;
}

std::uint32_t fmix(std::uint32_t h) {
  h ^= h >> 16;
  h *= kF1;
  h ^= h >> 13;
  h *= kF2;
  h ^= h >> 16;
  return h;
}

}  // namespace

std::uint64_t murmur_hash64(std::string_view data, std::uint32_t seed) {
  const auto* d = reinterpret_cast<const unsigned char*>(data.data());
  std::size_t len = data.size(), i = 0;
  std::uint32_t h1 = seed, h2 = seed;
  for (; i + 7 < len; i += 8) {
    std::uint32_t k1 = le32(d + i, 4), k2 = le32(d + i + 4, 4);
    k1 *= kC1;
    k1 = rotl(k1, 15);
    k1 *= kC2;
    h1 ^= k1;
    h1 = rotl(h1, 19);
    h1 += h2;
    h1 = h1 * 5 + kC3;
    k2 *= kC2;
    k2 = rotl(k2, 17);
    k2 *= kC1;
    h2 ^= k2;
    h2 = rotl(h2, 13);
    h2 += h1;
    h2 = h2 * 5 + kC4;
  }
  std::size_t tail = len - i;
  if (tail > 0) {
    std::uint32_t k1 = le32(d + i, tail >= 4 ? 4 : tail);
    k1 *= kC1;
    k1 = rotl(k1, 15);
    k1 *= kC2;
    h1 ^= k1;
    if (tail > 4) {
      std::uint32_t k2 = le32(d + i + 4, tail - 4);
      k2 *= kC2;
      k2 = rotl(k2, 17);
      k2 *= kC1;
      h2 ^= k2;
    }
  }
  h1 ^= static_cast<std::uint32_t>(len);
  h2 ^= static_cast<std::uint32_t>(len);
  h1 += h2;
  h2 += h1;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 += h2;
  h2 += h1;
  return (static_cast<std::uint64_t>(h2) << 32) | h1;
}

std::string unique_string(std::string_view joined) {
  static const char* kAlphabet = "abcdefghijklmnopqrstuvwxyz234567";
  std::uint64_t v = murmur_hash64(joined);
  std::string out;
  for (int i = 0; i < 13; ++i) {
    out += kAlphabet[v >> 59];
    v <<= 5;
  }
  return out;
}

}  // namespace azemu::arm::tmpl
