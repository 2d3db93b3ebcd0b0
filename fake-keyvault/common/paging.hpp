// List paging of the data plane: `maxresults` (1..25, default 25) and an opaque `$skiptoken`
// (here: the offset), with nextLink a full URL (ade.md §2.3; format inferred) or null.
#pragma once

#include "emulator/http/request.hpp"
#include "fake-keyvault/common/vault_context.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace azemu::kv {

/// {"value": items[page], "nextLink": url|null}; `path` is the list path ("/keys").
nlohmann::json page(const std::vector<nlohmann::json>& items, const http::Request& req, const VaultContext& ctx,
                    const std::string& path);

}  // namespace azemu::kv
