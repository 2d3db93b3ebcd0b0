// Read-only view of every vault's keys and secrets for the teaching UI (emulator/ui/): names,
// versions, attributes, tags, content types, soft-delete dates. Reads only the `meta` column of
// kv_*_versions: never a secret value, never key material (not even the public JWK).
#pragma once

#include "emulator/store/database.hpp"

#include <nlohmann/json.hpp>

namespace azemu::kv::teaching {

/// {keys:[{vault,name,deletedDate,scheduledPurgeDate,versions:[{version,kty,keyOps,enabled,created,
///  updated,nbf,exp,tags}]}], secrets:[{vault,name,deletedDate,scheduledPurgeDate,versions:[{version,
///  contentType,enabled,created,updated,nbf,exp,tags}]}]}; times as unix seconds. Versions newest
///  first. Blocks (SQLite).
nlohmann::json objects(store::Database& db);

}  // namespace azemu::kv::teaching
