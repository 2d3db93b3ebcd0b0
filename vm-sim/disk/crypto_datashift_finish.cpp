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

using StuckState = DatashiftStuckState;

// LUKS2 metadata keeps numbers as decimal strings ("offset": "16777216"); anything else is not ours.
std::optional<std::uint64_t> number_field(const nlohmann::json& obj, const char* name, const char* absent) {
  auto it = obj.find(name);
  const std::string text = it == obj.end() ? absent : it->is_string() ? it->get<std::string>() : "";
  if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoull(text);
}

std::string string_field(const nlohmann::json& obj, const char* name) {
  auto it = obj.find(name);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : "";
}

bool has_flag(const nlohmann::json& segment, const std::string& flag) {
  auto flags = segment.find("flags");
  if (flags == segment.end() || !flags->is_array()) return false;
  return std::find(flags->begin(), flags->end(), flag) != flags->end();
}

std::optional<StuckState> stuck_state(crypt_device* cd) {
  const char* text = nullptr;
  if (crypt_dump_json(cd, &text, 0) < 0 || text == nullptr) return std::nullopt;
  return parse_stuck_datashift_state(text);
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

std::optional<DatashiftStuckState> parse_stuck_datashift_state(std::string_view luks2_json) {
  const auto json = nlohmann::json::parse(luks2_json, nullptr, false);
  if (!json.is_object()) return std::nullopt;
  auto keyslots = json.find("keyslots"), segments = json.find("segments");
  if (keyslots == json.end() || segments == json.end() || !keyslots->is_object() || !segments->is_object())
    return std::nullopt;
  bool encrypt_datashift = false;
  for (const auto& slot : *keyslots) {
    if (!slot.is_object()) return std::nullopt;
    auto area = slot.find("area");
    if (string_field(slot, "type") == "reencrypt" && string_field(slot, "mode") == "encrypt" && area != slot.end() &&
        area->is_object() && string_field(*area, "type") == "datashift")
      encrypt_datashift = true;
  }
  if (!encrypt_datashift) return std::nullopt;

  StuckState state;
  int live_segments = 0;
  bool moved = false, dynamic_crypt = false;
  for (const auto& segment : *segments) {
    if (!segment.is_object()) return std::nullopt;
    if (has_flag(segment, "backup-moved-segment")) {
      auto offset = number_field(segment, "offset", "0"), size = number_field(segment, "size", "0");
      if (!offset || !size) return std::nullopt;
      state.moved_offset = *offset;
      state.moved_size = *size;
      moved = state.moved_size > 0;
    } else if (!has_flag(segment, "backup-previous") && !has_flag(segment, "backup-final")) {
      ++live_segments;
      auto offset = number_field(segment, "offset", "0");
      auto sector = segment.find("sector_size");
      if (!offset) return std::nullopt;
      dynamic_crypt = string_field(segment, "type") == "crypt" && string_field(segment, "size") == "dynamic" &&
                      number_field(segment, "iv_tweak", "0") == 0u;
      state.data_offset = *offset;
      if (sector != segment.end()) {
        if (!sector->is_number_unsigned()) return std::nullopt;
        state.sector_size = sector->get<std::uint32_t>();
      }
    }
  }
  // The parked copy is read into memory and re-encrypted in sectors: it must be a whole number of
  // valid sectors, and no larger than the shift the encryption made (at most a few hundred MiB).
  constexpr std::uint64_t kMaxMoved = 1ull << 30;
  const std::uint32_t sector = state.sector_size;
  if (sector < 512 || sector > 4096 || (sector & (sector - 1)) != 0) return std::nullopt;
  if (state.moved_size > kMaxMoved || state.moved_size % sector != 0) return std::nullopt;
  if (!(moved && live_segments == 1 && dynamic_crypt)) return std::nullopt;
  return state;
}

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
