// Reads ciphertext sectors and decrypts them with the volume key (crypto_xts.cpp).
#include "vm-sim/disk/crypto_plaintext_reader.hpp"

#include "vm-sim/disk/crypt_device.hpp"
#include "vm-sim/disk/crypto_xts.hpp"
#include "vm-sim/disk/disk_error.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <libcryptsetup.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

namespace azemu::vm::disk {

namespace {

class Fd {
 public:
  Fd(const std::filesystem::path& path, int flags) : fd_(::open(path.c_str(), flags | O_CLOEXEC, 0600)) {
    if (fd_ < 0) throw DiskError("open " + path.string(), errno);
  }
  ~Fd() { ::close(fd_); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

PlaintextReader::PlaintextReader(const std::filesystem::path& path, const std::string& passphrase) : path_(path) {
  clear_crypt_errors();
  CryptDevice dev = CryptDevice::load(path);
  const std::string what = "read plaintext of " + path.string();
  if (crypt_reencrypt_status(dev.get(), nullptr) != CRYPT_REENCRYPT_NONE)
    throw DiskError(what, EBUSY, "reencryption in progress");
  if (std::strcmp(crypt_get_cipher(dev.get()), "aes") != 0 || std::strcmp(crypt_get_cipher_mode(dev.get()), "xts-plain64") != 0)
    throw DiskError(what, ENOTSUP, "only aes-xts-plain64 is supported");
  size_t key_size = static_cast<size_t>(crypt_get_volume_key_size(dev.get()));
  if (key_size != 64) throw DiskError(what, ENOTSUP, "only 512-bit keys are supported");
  key_.resize(key_size);
  dev.check(crypt_volume_key_get(dev.get(), CRYPT_ANY_SLOT, reinterpret_cast<char*>(key_.data()), &key_size,
                                 passphrase.data(), passphrase.size()),
            what);
  data_offset_ = crypt_get_data_offset(dev.get()) * 512;
  sector_size_ = static_cast<std::uint32_t>(crypt_get_sector_size(dev.get()));
  const std::uint64_t file_size = std::filesystem::file_size(path);
  size_ = file_size > data_offset_ ? (file_size - data_offset_) / sector_size_ * sector_size_ : 0;
}

PlaintextReader::~PlaintextReader() { OPENSSL_cleanse(key_.data(), key_.size()); }

std::vector<unsigned char> PlaintextReader::read(std::uint64_t offset, std::uint64_t length) const {
  if (offset >= size_) return {};
  length = std::min(length, size_ - offset);
  const std::uint64_t first = offset / sector_size_ * sector_size_;
  const std::uint64_t last = (offset + length + sector_size_ - 1) / sector_size_ * sector_size_;
  std::vector<unsigned char> cipher(last - first);
  Fd fd(path_, O_RDONLY);
  const ssize_t got = ::pread(fd.get(), cipher.data(), cipher.size(), static_cast<off_t>(data_offset_ + first));
  if (got != static_cast<ssize_t>(cipher.size())) throw DiskError("read " + path_.string(), got < 0 ? errno : EIO);

  xts_transform(false, key_, sector_size_, first, cipher);
  return {cipher.begin() + static_cast<std::ptrdiff_t>(offset - first),
          cipher.begin() + static_cast<std::ptrdiff_t>(offset - first + length)};
}

void PlaintextReader::export_to(const std::filesystem::path& target) const {
  Fd out(target, O_WRONLY | O_CREAT | O_TRUNC);
  constexpr std::uint64_t kChunk = 4 << 20;
  for (std::uint64_t at = 0; at < size_; at += kChunk) {
    const auto bytes = read(at, kChunk);
    if (::pwrite(out.get(), bytes.data(), bytes.size(), static_cast<off_t>(at)) != static_cast<ssize_t>(bytes.size()))
      throw DiskError("write " + target.string(), errno);
  }
}

}  // namespace azemu::vm::disk
