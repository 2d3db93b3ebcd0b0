// The key chain of one VM, as the teaching UI draws it: KEK (vault, key, version) → wrapped BEK
// secret (name, version, tags, content type; never the value) → the LUKS keyslots of each disk
// image → the dm-crypt mapping in the guest. Each edge carries the audit rows that made or used it
// and, when it is broken (disabled or deleted secret, deleted or disabled key, a BEK wrapped by
// another key, a boot that could not unlock), `ok: false` with the reason the platform or the
// guest gave. A pure function over JSON the services already produce: no I/O, unit-tested.
#pragma once

#include <nlohmann/json.hpp>

namespace azemu::ui {

struct KeyChainInputs {
  nlohmann::json disks;     // fake-arm's disk encryption report (GET /_azemu/vms/{name}/disks)
  nlohmann::json vm;        // one entry of arm::teaching::vms() (model, instanceView, powerState)
  nlohmann::json objects;   // kv::teaching::objects() (keys and secrets metadata)
  nlohmann::json operations = nlohmann::json::array();  // arm::teaching::cloud()["operations"]
  nlohmann::json guest;     // what the guest said (crypttab, fstab, mounts); null when not read
};

/// {vm:{name,powerState,provisioningState}, chains:[{disk:{name,role,lun,sizeGb,allocatedBytes,
///  luks}, kek:{...,exists,enabled}, bek:{...,exists,enabled,contentType,tags}, mapping:{...}|null,
///  edges:[{from,to,label,ok,reason,audit:[...]}]}], broken: N}.
nlohmann::json build_key_chain(const KeyChainInputs& in);

}  // namespace azemu::ui
