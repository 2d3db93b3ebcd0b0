// Wire names of LuksHeader, written once here. The header's strings come from the disk image (a
// guest writes its own LUKS label and metadata), so they are made valid UTF-8 before they become
// JSON: fuzz_luks_header found a cipher name with byte 0xFF, and dump() threw type_error 316.
#include "vm-sim/disk/luks_header_json.hpp"

#include <nlohmann/json.hpp>

namespace azemu::vm::disk {

namespace {
// Bytes that are not UTF-8 become U+FFFD, as nlohmann's replace handler writes them.
nlohmann::json text(const std::string& s) {
  return nlohmann::json::parse(nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}
}  // namespace

void to_json(nlohmann::json& j, const KeyslotInfo& slot) {
  j = {{"slot", slot.slot}, {"kdf", text(slot.kdf)}, {"priority", text(slot.priority)}, {"unbound", slot.unbound}};
}

void to_json(nlohmann::json& j, const LuksHeader& header) {
  j = {{"version", header.version},
       {"uuid", text(header.uuid)},
       {"label", text(header.label)},
       {"cipher", text(header.cipher)},
       {"keySizeBits", header.key_size_bits},
       {"sectorSize", header.sector_size},
       {"dataOffsetBytes", header.data_offset_bytes},
       {"keyslots", header.keyslots},
       {"reencryptionInProgress", header.reencryption_in_progress}};
}

}  // namespace azemu::vm::disk
