// Wire mapping of keys (the one home of KeyBundle, KeyItem, DeletedKeyBundle and operation field
// names; Spec: keyvault 7.4 keys.json) and the storage form of a KeyVersion's meta column.
// Parsing is strict about types and lenient about base64 (standard or URL-safe, padded or not).
#pragma once

#include "fake-keyvault/common/vault_context.hpp"
#include "fake-keyvault/keys/key_model.hpp"

#include <nlohmann/json.hpp>

namespace azemu::kv {

KeyCreate parse_key_create(const nlohmann::json& body);
KeyImport parse_key_import(const nlohmann::json& body);
KeyUpdate parse_key_update(const nlohmann::json& body);
/// `verify`: the body also carries "digest"; its "value" is the signature.
KeyOperationInput parse_key_operation(const nlohmann::json& body, bool verify);

nlohmann::json key_bundle(const KeyVersion& k, const VaultContext& ctx);
nlohmann::json deleted_key_bundle(const KeyObject& k, const VaultContext& ctx);
/// List entries: `versioned` for /versions (kid with version), else the base kid.
nlohmann::json key_item(const KeyVersion& k, const VaultContext& ctx, bool versioned);
nlohmann::json deleted_key_item(const KeyObject& k, const VaultContext& ctx);
nlohmann::json key_operation_result(const KeyOperationResult& r);

nlohmann::json key_to_meta(const KeyVersion& k);
KeyVersion key_from_meta(const nlohmann::json& meta);

}  // namespace azemu::kv
