// is_luks() and inspect(): read-only header queries.
#include "vm-sim/disk/crypt_device.hpp"
#include "vm-sim/disk/disk_error.hpp"
#include "vm-sim/disk/luks_volume.hpp"

#include <libcryptsetup.h>

#include <cerrno>
#include <cstring>

namespace azemu::vm::disk {

namespace {

// Takes the value as an int: a crafted LUKS2 header can carry any "priority" number, and libcryptsetup
// hands it back unchecked; holding 5 in a crypt_keyslot_priority is undefined behaviour (UBSan, the
// fuzz_luks_header finding now in its corpus).
std::string priority_name(int priority) {
  switch (priority) {
    case CRYPT_SLOT_PRIORITY_IGNORE: return "ignore";
    case CRYPT_SLOT_PRIORITY_PREFER: return "prefer";
    case CRYPT_SLOT_PRIORITY_NORMAL: return "normal";
    default: return "";
  }
}

std::vector<KeyslotInfo> keyslots_of(crypt_device* cd) {
  std::vector<KeyslotInfo> slots;
  const int max = crypt_keyslot_max(crypt_get_type(cd));
  for (int slot = 0; slot < max; ++slot) {
    const crypt_keyslot_info status = crypt_keyslot_status(cd, slot);
    if (status != CRYPT_SLOT_ACTIVE && status != CRYPT_SLOT_ACTIVE_LAST && status != CRYPT_SLOT_UNBOUND) continue;
    KeyslotInfo info;
    info.slot = slot;
    info.unbound = status == CRYPT_SLOT_UNBOUND;
    crypt_pbkdf_type pbkdf{};
    if (crypt_keyslot_get_pbkdf(cd, slot, &pbkdf) == 0 && pbkdf.type != nullptr) info.kdf = pbkdf.type;
    info.priority = priority_name(static_cast<int>(crypt_keyslot_get_priority(cd, slot)));
    slots.push_back(std::move(info));
  }
  return slots;
}

}  // namespace

bool is_luks(const std::filesystem::path& path) {
  clear_crypt_errors();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return false;
  try {
    CryptDevice dev = CryptDevice::init(path);
    return crypt_load(dev.get(), CRYPT_LUKS, nullptr) == 0;
  } catch (const DiskError&) {
    return false;
  }
}

LuksHeader inspect(const std::filesystem::path& path) {
  clear_crypt_errors();
  std::error_code ec;
  // crypt_init reports a missing file as ENOTBLK; callers deserve the plain ENOENT.
  if (!std::filesystem::exists(path, ec)) throw DiskError("inspect " + path.string(), ENOENT);
  CryptDevice dev = CryptDevice::load(path);
  crypt_device* cd = dev.get();
  LuksHeader header;
  const char* type = crypt_get_type(cd);
  header.version = type != nullptr && std::strcmp(type, CRYPT_LUKS1) == 0 ? 1 : 2;
  if (const char* uuid = crypt_get_uuid(cd)) header.uuid = uuid;
  header.cipher = std::string(crypt_get_cipher(cd)) + "-" + crypt_get_cipher_mode(cd);
  header.key_size_bits = crypt_get_volume_key_size(cd) * 8;
  header.sector_size = crypt_get_sector_size(cd);
  header.data_offset_bytes = crypt_get_data_offset(cd) * 512;  // libcryptsetup counts 512-byte sectors
  header.keyslots = keyslots_of(cd);
  if (const char* label = crypt_get_label(cd)) header.label = label;
  header.reencryption_in_progress = crypt_reencrypt_status(cd, nullptr) != CRYPT_REENCRYPT_NONE;
  return header;
}

}  // namespace azemu::vm::disk
