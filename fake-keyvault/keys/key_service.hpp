// Azure semantics of keys: versions, HSM rules per vault SKU, key_ops and enabled/nbf/exp
// enforcement for cryptographic operations, soft delete and backup/restore blobs (the shared lifecycle:
// common/object_lifecycle.hpp), rotation. Synchronous; every method takes
// the VaultContext built by the audit wrapper (which already authorized the caller).
#pragma once

#include "emulator/exec/clock.hpp"
#include "emulator/store/crypto_envelope.hpp"
#include "fake-keyvault/common/object_lifecycle.hpp"
#include "fake-keyvault/common/vault_context.hpp"
#include "fake-keyvault/keys/key_store.hpp"

#include <string>
#include <vector>

namespace azemu::kv {

/// list, list_versions, remove, get_deleted, list_deleted, recover and purge come from ObjectLifecycle.
class KeyService : public ObjectLifecycle<KeyStore> {
public:
  KeyService(KeyStore& store, const store::Envelope& envelope);

  /// New version of `name`. Throws BadParameter (kty, size, curve, HSM on standard), Conflict
  /// (ObjectIsDeletedButRecoverable).
  KeyVersion create(const VaultContext& ctx, const std::string& name, const KeyCreate& in);
  /// New version from a JWK with private parts. Same errors as create.
  KeyVersion import(const VaultContext& ctx, const std::string& name, const KeyImport& in);
  /// `version` empty: newest. Throws KeyNotFound (also for deleted keys).
  KeyVersion get(const VaultContext& ctx, const std::string& name, const std::string& version);
  KeyVersion update(const VaultContext& ctx, const std::string& name, const std::string& version, const KeyUpdate& in);

  /// Opaque blob (base64url) of every version, sealed and authenticated.
  std::string backup(const VaultContext& ctx, const std::string& name);
  /// Throws BadParameter (tampered or foreign blob), Conflict (name in use).
  KeyVersion restore(const VaultContext& ctx, const std::string& blob);

  /// Runs one cryptographic operation. Throws KeyNotFound, Forbidden (KeyDisabled, KeyExpired,
  /// KeyNotYetValid), BadParameter (key_ops, algorithm, sizes).
  KeyOperationResult operate(const VaultContext& ctx, const std::string& name, const std::string& version, KeyOp op,
                             const KeyOperationInput& in);

  /// A new version with the newest version's parameters (kty, size/curve, key_ops, tags).
  KeyVersion rotate(const VaultContext& ctx, const std::string& name);
  nlohmann::json get_rotation_policy(const VaultContext& ctx, const std::string& name);
  nlohmann::json set_rotation_policy(const VaultContext& ctx, const std::string& name, const nlohmann::json& policy);

private:
  KeyVersion store_new_version(const VaultContext& ctx, const std::string& name, KeyVersion k,
                               const std::string& private_der, const nlohmann::json& attributes);
  std::string material(const VaultContext& ctx, const KeyVersion& k) const;
};

}  // namespace azemu::kv
