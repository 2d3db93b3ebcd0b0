// Recognises the stuck state from the LUKS2 JSON (one dynamic crypt segment left plus a
// "backup-moved-segment"), does the final hotzone's work itself (read the parked plaintext,
// AES-XTS encrypt it as sectors 0.. of the data segment, write it at the data offset), then
// replaces the reencryption header by a plain one built in a side file and copied into place.
// Redoing it after a crash is safe: the parked plaintext stays where it is until the new header is
// in place, and the last step only copies a finished header.
#include "vm-sim/disk/crypto_datashift_finish.hpp"

#include "vm-sim/disk/crypt_device.hpp"
#include "vm-sim/disk/crypto_xts.hpp"
#include "vm-sim/disk/disk_error.hpp"

#include <fcntl.h>
#include <linux/falloc.h>
#include <unistd.h>

#include <libcryptsetup.h>
#include <nlohmann/json.hpp>
#include <openssl/crypto.h>

#include <algorithm>
#include <cerrno>

namespace azemu::vm::disk {

namespace {

struct StuckState {
  std::uint64_t moved_offset = 0, moved_size = 0, data_offset = 0;
  std::uint32_t sector_size = 512;
};

bool has_flag(const nlohmann::json& segment, const std::string& flag) {
  if (!segment.contains("flags")) return false;
  const auto& flags = segment["flags"];
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

std::optional<StuckState> stuck_state(crypt_device* cd) {
  const char* text = nullptr;
  if (crypt_dump_json(cd, &text, 0) < 0 || text == nullptr) return std::nullopt;
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.contains("segments") || !json.contains("keyslots")) return std::nullopt;
  bool encrypt_datashift = false;
  for (const auto& [id, slot] : json["keyslots"].items())
    if (slot.value("type", "") == "reencrypt" && slot.value("mode", "") == "encrypt" &&
        slot.contains("area") && slot["area"].value("type", "") == "datashift")
      encrypt_datashift = true;
  if (!encrypt_datashift) return std::nullopt;

  StuckState state;
  int live_segments = 0;
  bool moved = false, dynamic_crypt = false;
  for (const auto& [id, segment] : json["segments"].items()) {
    if (has_flag(segment, "backup-moved-segment")) {
      state.moved_offset = std::stoull(segment.value("offset", "0"));
      state.moved_size = std::stoull(segment.value("size", "0"));
      moved = state.moved_size > 0;
    } else if (!has_flag(segment, "backup-previous") && !has_flag(segment, "backup-final")) {
      ++live_segments;
      dynamic_crypt = segment.value("type", "") == "crypt" && segment.value("size", "") == "dynamic" &&
                      segment.value("iv_tweak", "0") == "0";
      state.data_offset = std::stoull(segment.value("offset", "0"));
      state.sector_size = segment.value("sector_size", 512u);
    }
  }
  if (!(moved && live_segments == 1 && dynamic_crypt)) return std::nullopt;
  return state;
}

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

void encrypt_moved_segment(const std::filesystem::path& path, const StuckState& state,
                           const std::vector<unsigned char>& key) {
  Fd fd(path, O_RDWR);
  std::vector<unsigned char> data(state.moved_size);
  if (::pread(fd.get(), data.data(), data.size(), static_cast<off_t>(state.moved_offset)) !=
      static_cast<ssize_t>(data.size()))
    throw DiskError("read moved segment of " + path.string(), EIO);
  xts_transform(true, key, state.sector_size, 0, data);
  if (::pwrite(fd.get(), data.data(), data.size(), static_cast<off_t>(state.data_offset)) !=
          static_cast<ssize_t>(data.size()) ||
      ::fsync(fd.get()) != 0)
    throw DiskError("write first segment of " + path.string(), EIO);
  OPENSSL_cleanse(data.data(), data.size());
}

// The parked copy is plaintext beyond the filesystem's end: what libcryptsetup's teardown wipes.
void wipe_parked_plaintext(const std::filesystem::path& path, const StuckState& state) {
  Fd fd(path, O_RDWR);
  if (::fallocate(fd.get(), FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, static_cast<off_t>(state.moved_offset),
                  static_cast<off_t>(state.moved_size)) == 0)
    return;
  const std::vector<unsigned char> zeros(1 << 20);  // block devices: write zeros instead
  for (std::uint64_t at = 0; at < state.moved_size; at += zeros.size()) {
    const size_t n = static_cast<size_t>(std::min<std::uint64_t>(zeros.size(), state.moved_size - at));
    if (::pwrite(fd.get(), zeros.data(), n, static_cast<off_t>(state.moved_offset + at)) != static_cast<ssize_t>(n))
      throw DiskError("wipe parked plaintext of " + path.string(), errno);
  }
  if (::fsync(fd.get()) != 0) throw DiskError("wipe parked plaintext of " + path.string(), errno);
}

}  // namespace

bool finish_stuck_datashift_encryption(const std::filesystem::path& path, const std::string& passphrase,
                                       const PbkdfParams& pbkdf) {
  clear_crypt_errors();
  std::string uuid, label;
  std::uint64_t metadata_size = 0, keyslots_size = 0;
  std::vector<unsigned char> key(64);
  StuckState state;
  {
    CryptDevice dev = CryptDevice::load(path);
    const auto stuck = stuck_state(dev.get());
    if (!stuck) return false;
    state = *stuck;
    size_t key_size = key.size();
    dev.check(crypt_volume_key_get(dev.get(), CRYPT_ANY_SLOT, reinterpret_cast<char*>(key.data()), &key_size,
                                   passphrase.data(), passphrase.size()),
              "finish encryption of " + path.string());
    if (key_size != 64) throw DiskError("finish encryption of " + path.string(), ENOTSUP, "unexpected key size");
    uuid = crypt_get_uuid(dev.get());
    if (const char* l = crypt_get_label(dev.get())) label = l;
    dev.check(crypt_get_metadata_size(dev.get(), &metadata_size, &keyslots_size), "crypt_get_metadata_size");
  }
  encrypt_moved_segment(path, state, key);

  const std::filesystem::path header(path.string() + ".luks2-finish.hdr");
  std::filesystem::remove(header);
  {
    Fd fd(header, O_WRONLY | O_CREAT | O_EXCL);
    if (::posix_fallocate(fd.get(), 0, 4096) != 0) throw DiskError("allocate " + header.string(), EIO);
  }
  try {
    CryptDevice fresh = CryptDevice::init(header);
    fresh.set_pbkdf(pbkdf);
    fresh.check(crypt_set_metadata_size(fresh.get(), metadata_size, keyslots_size), "crypt_set_metadata_size");
    fresh.check(crypt_set_data_offset(fresh.get(), state.data_offset / 512), "crypt_set_data_offset");
    crypt_params_luks2 params{};
    params.sector_size = state.sector_size;
    params.label = label.empty() ? nullptr : label.c_str();
    params.data_device = path.c_str();
    fresh.check(crypt_format(fresh.get(), CRYPT_LUKS2, "aes", "xts-plain64", uuid.c_str(),
                             reinterpret_cast<const char*>(key.data()), key.size(), &params),
                "crypt_format " + header.string());
    fresh.check(crypt_keyslot_add_by_volume_key(fresh.get(), 0, reinterpret_cast<const char*>(key.data()), key.size(),
                                                passphrase.data(), passphrase.size()),
                "crypt_keyslot_add_by_volume_key");
    CryptDevice disk = CryptDevice::init(path);
    disk.check(crypt_header_restore(disk.get(), CRYPT_LUKS2, header.c_str()), "place LUKS2 header on " + path.string());
  } catch (...) {
    OPENSSL_cleanse(key.data(), key.size());
    std::filesystem::remove(header);
    throw;
  }
  OPENSSL_cleanse(key.data(), key.size());
  std::filesystem::remove(header);
  wipe_parked_plaintext(path, state);
  return true;
}

}  // namespace azemu::vm::disk
