// The one wrapper of every data-plane call, routed or in-process (the platform's, platform_key_vault.cpp): finds
// the vault (404 VaultNotFound), admits the caller (routes: the token's tenant against the vault's, 401 AKV10032
// with a challenge, then the route's Operation, 403; the platform: the vault's enabledForDiskEncryption), builds
// the VaultContext, runs the handler and writes one audit row (emulator/audit's key_vault_event) whatever the
// outcome. Handlers therefore never see an unknown vault or an unauthorized caller.
#pragma once

#include "emulator/audit/key_vault_event.hpp"
#include "emulator/http/router.hpp"
#include "fake-keyvault/common/authorizer.hpp"
#include "fake-keyvault/common/vault_context.hpp"
#include "fake-keyvault/mount.hpp"

#include <functional>

namespace azemu::kv {

using KvHandler = std::function<http::Reply(VaultContext&, http::Request&)>;

/// Lets a call into the vault it found: records the authorization outcome in `row` (policy_match, rbac; the
/// operation for an authentication failure) and throws the refusal as an AzureError.
using Admission = std::function<void(const ports::VaultInfo& vault, audit::KeyVaultCall& row)>;

/// Runs `body` for the call `row` describes (vault_name, caller, api_version filled; the vault's name and id are
/// added here), ids printed under `base`; with `writes`, inside one transaction (request_transaction.hpp). The
/// audit row is written whatever the outcome; errors go on unchanged for the caller (the pipeline's one catch
/// site, or the platform's translation).
http::Reply run_audited(KvDeps& deps, audit::KeyVaultCall row, const std::string& base, bool writes,
                        const Admission& admit, const std::function<http::Reply(VaultContext&)>& body);

/// The routed form: the row from the request, admission by tenant and the route's Operation.
http::Handler audited(KvDeps& deps, Operation op, KvHandler handler);

}  // namespace azemu::kv
