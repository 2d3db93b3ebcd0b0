// The wrapper around every vault-host handler: finds the vault (404 VaultNotFound), checks the
// token's tenant against the vault's (401 AKV10032 with a challenge), authorizes the route's
// Operation (403), builds the VaultContext, runs the handler and writes one audit record whatever
// the outcome. Handlers therefore never see an unknown vault or an unauthorized caller.
#pragma once

#include "emulator/http/router.hpp"
#include "fake-keyvault/common/authorizer.hpp"
#include "fake-keyvault/common/vault_context.hpp"
#include "fake-keyvault/mount.hpp"

#include <functional>

namespace azemu::kv {

using KvHandler = std::function<http::Reply(VaultContext&, http::Request&)>;

http::Handler audited(KvDeps& deps, Operation op, KvHandler handler);

}  // namespace azemu::kv
