// Wire names of LuksHeader, written once here.
#include "vm-sim/disk/luks_header_json.hpp"

#include <nlohmann/json.hpp>

namespace azemu::vm::disk {

void to_json(nlohmann::json& j, const KeyslotInfo& slot) {
  j = {{"slot", slot.slot}, {"kdf", slot.kdf}, {"priority", slot.priority}, {"unbound", slot.unbound}};
}

void to_json(nlohmann::json& j, const LuksHeader& header) {
  j = {{"version", header.version},
       {"uuid", header.uuid},
       {"label", header.label},
       {"cipher", header.cipher},
       {"keySizeBits", header.key_size_bits},
       {"sectorSize", header.sector_size},
       {"dataOffsetBytes", header.data_offset_bytes},
       {"keyslots", header.keyslots},
       {"reencryptionInProgress", header.reencryption_in_progress}};
}

}  // namespace azemu::vm::disk
