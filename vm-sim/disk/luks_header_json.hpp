// JSON form of LuksHeader, for `azemu disk inspect --json` and for callers that report a disk's
// encryption state (camelCase names, as the rest of azemu's JSON).
#pragma once

#include "vm-sim/disk/luks_model.hpp"

#include <nlohmann/json_fwd.hpp>

namespace azemu::vm::disk {

void to_json(nlohmann::json& j, const KeyslotInfo& slot);
void to_json(nlohmann::json& j, const LuksHeader& header);

}  // namespace azemu::vm::disk
