// Wire mapping of secrets (the one home of SecretBundle, SecretItem and DeletedSecretBundle field
// names; Spec: keyvault 7.4 secrets.json) and the storage form of the meta column.
#pragma once

#include "fake-keyvault/common/vault_context.hpp"
#include "fake-keyvault/secrets/secret_model.hpp"

#include <nlohmann/json.hpp>

namespace azemu::kv {

SecretSet parse_secret_set(const nlohmann::json& body);
SecretUpdate parse_secret_update(const nlohmann::json& body);

/// With the value (get, set).
nlohmann::json secret_bundle(const SecretVersion& s, const VaultContext& ctx);
/// Without the value (update, delete and deleted bundles, as Azure answers them).
nlohmann::json secret_bundle_no_value(const SecretVersion& s, const VaultContext& ctx);
nlohmann::json deleted_secret_bundle(const SecretObject& s, const VaultContext& ctx);
nlohmann::json secret_item(const SecretVersion& s, const VaultContext& ctx, bool versioned);
nlohmann::json deleted_secret_item(const SecretObject& s, const VaultContext& ctx);

nlohmann::json secret_to_meta(const SecretVersion& s);
SecretVersion secret_from_meta(const nlohmann::json& meta);

}  // namespace azemu::kv
