// Azure semantics of secrets: a new version per set, the 25 KB limit, disabled secrets refusing
// get (403 SecretDisabled), soft delete with the vault's retention and purge protection, and
// backup/restore blobs (the shared lifecycle: common/object_lifecycle.hpp). Values are sealed with the
// store::Envelope before they reach the store.
// Not enforced, like the real service: exp/nbf of secrets are informational (Observed: expired
// secrets stay readable, Altinn/altinn-studio #5029).
#pragma once

#include "emulator/store/crypto_envelope.hpp"
#include "fake-keyvault/common/object_lifecycle.hpp"
#include "fake-keyvault/common/vault_context.hpp"
#include "fake-keyvault/secrets/secret_store.hpp"

#include <string>
#include <vector>

namespace azemu::kv {

/// list, list_versions, remove, get_deleted, list_deleted, recover and purge come from ObjectLifecycle.
class SecretService : public ObjectLifecycle<SecretStore> {
public:
  SecretService(SecretStore& store, const store::Envelope& envelope);

  /// New version. Throws BadParameter (name, size), Conflict (ObjectIsDeletedButRecoverable).
  SecretVersion set(const VaultContext& ctx, const std::string& name, const SecretSet& in);
  /// With the value. Throws SecretNotFound, Forbidden (SecretDisabled).
  SecretVersion get(const VaultContext& ctx, const std::string& name, const std::string& version);
  SecretVersion update(const VaultContext& ctx, const std::string& name, const std::string& version,
                       const SecretUpdate& in);

  std::string backup(const VaultContext& ctx, const std::string& name);
  SecretVersion restore(const VaultContext& ctx, const std::string& blob);

private:
  std::string value_of(const VaultContext& ctx, const SecretVersion& s) const;
};

}  // namespace azemu::kv
