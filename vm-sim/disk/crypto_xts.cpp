// The plain64 IV is the little-endian number of the 512-byte sector where an encryption sector
// starts, also when the LUKS2 sector size is 4096 (dm-crypt without iv_large_sectors;
// research/uml-ade.md §6 "IV detail that matters").
#include "vm-sim/disk/crypto_xts.hpp"

#include "vm-sim/disk/disk_error.hpp"

#include <openssl/evp.h>

#include <cerrno>
#include <memory>

namespace azemu::vm::disk {

namespace {
struct CtxFree {
  void operator()(EVP_CIPHER_CTX* ctx) const noexcept { EVP_CIPHER_CTX_free(ctx); }
};
}  // namespace

void xts_transform(bool encrypt, const std::vector<unsigned char>& key, std::uint32_t sector_size,
                   std::uint64_t device_offset, std::span<unsigned char> data) {
  std::unique_ptr<EVP_CIPHER_CTX, CtxFree> ctx(EVP_CIPHER_CTX_new());
  if (!ctx || EVP_CipherInit_ex(ctx.get(), EVP_aes_256_xts(), nullptr, key.data(), nullptr, encrypt ? 1 : 0) != 1)
    throw DiskError("AES-XTS init", EIO);
  for (std::uint64_t at = 0; at + sector_size <= data.size(); at += sector_size) {
    unsigned char iv[16] = {};
    const std::uint64_t sector = (device_offset + at) / 512;
    for (int i = 0; i < 8; ++i) iv[i] = static_cast<unsigned char>(sector >> (8 * i));
    int out = 0;
    if (EVP_CipherInit_ex(ctx.get(), nullptr, nullptr, nullptr, iv, -1) != 1 ||
        EVP_CipherUpdate(ctx.get(), data.data() + at, &out, data.data() + at, static_cast<int>(sector_size)) != 1)
      throw DiskError(encrypt ? "AES-XTS encrypt" : "AES-XTS decrypt", EIO);
  }
}

}  // namespace azemu::vm::disk
