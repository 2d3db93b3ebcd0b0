// Azure semantics of secrets: a new version per set, the 25 KB limit, disabled secrets refusing
// get (403 SecretDisabled), soft delete with the vault's retention and purge protection, and
// backup/restore blobs. Values are sealed with the store::Envelope before they reach the store.
// Not enforced, like the real service: exp/nbf of secrets are informational (Observed: expired
// secrets stay readable, Altinn/altinn-studio #5029).
#pragma once

#include "emulator/store/crypto_envelope.hpp"
#include "fake-keyvault/common/vault_context.hpp"
#include "fake-keyvault/secrets/secret_store.hpp"

#include <string>
#include <vector>

namespace azemu::kv {

class SecretService {
public:
  SecretService(SecretStore& store, const store::Envelope& envelope) : store_(store), envelope_(envelope) {}

  /// New version. Throws BadParameter (name, size), Conflict (ObjectIsDeletedButRecoverable).
  SecretVersion set(const VaultContext& ctx, const std::string& name, const SecretSet& in);
  /// With the value. Throws SecretNotFound, Forbidden (SecretDisabled).
  SecretVersion get(const VaultContext& ctx, const std::string& name, const std::string& version);
  std::vector<SecretVersion> list(const VaultContext& ctx);
  std::vector<SecretVersion> list_versions(const VaultContext& ctx, const std::string& name);
  SecretVersion update(const VaultContext& ctx, const std::string& name, const std::string& version,
                       const SecretUpdate& in);

  SecretObject remove(const VaultContext& ctx, const std::string& name);
  SecretObject get_deleted(const VaultContext& ctx, const std::string& name);
  std::vector<SecretObject> list_deleted(const VaultContext& ctx);
  SecretVersion recover(const VaultContext& ctx, const std::string& name);
  void purge(const VaultContext& ctx, const std::string& name);

  std::string backup(const VaultContext& ctx, const std::string& name);
  SecretVersion restore(const VaultContext& ctx, const std::string& blob);

private:
  SecretObject active(const VaultContext& ctx, const std::string& name);
  SecretVersion stored_version(const VaultContext& ctx, const std::string& name, const std::string& version);
  std::string value_of(const VaultContext& ctx, const SecretVersion& s) const;

  SecretStore& store_;
  const store::Envelope& envelope_;
};

}  // namespace azemu::kv
