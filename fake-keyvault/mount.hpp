// fake-keyvault: the Key Vault data plane on <vault>.vault.azure.net (proxy mode) and
// <vault>.vault.<base>[:port] (cloud mode): keys with real OpenSSL crypto, secrets, access-policy
// or RBAC authorization through ports::Vaults, soft delete, backup/restore, and an audit record
// for every call. Entry points used by the composition root only.
#pragma once

#include "emulator/audit/audit_log.hpp"
#include "emulator/cloud/hosts.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/http/router.hpp"
#include "emulator/ports/directory.hpp"
#include "emulator/ports/vaults.hpp"
#include "emulator/store/crypto_envelope.hpp"
#include "emulator/store/database.hpp"
#include "fake-keyvault/keys/key_service.hpp"
#include "fake-keyvault/secrets/secret_service.hpp"

#include <string>
#include <vector>

namespace azemu::kv {

/// Schema of every kv_* table, numbered (component "kv").
std::vector<store::Migration> migrations();

struct KvDeps {
  store::Database& db;
  const exec::Clock& clock;
  const cloud::HostNames& names;
  const ports::Vaults& vaults;
  const ports::Directory& directory;
  audit::AuditLog& audit;
  /// 64 hex characters (32 random bytes) from <data-dir>/master.key: encrypts key material and
  /// secret values at rest.
  const std::string& master_key;
};

/// The data plane's services over one KvDeps, made once by the composition root: one envelope, one key store and
/// KeyService (one parsed-key cache), one secret store and SecretService. The routes (mount) and the platform's
/// calls (make_platform_key_vault, platform/platform_key_vault.hpp) share it.
struct DataPlane {
  explicit DataPlane(KvDeps& d)
      : deps(d), envelope(d.master_key), key_store(d.db), keys(key_store, envelope), secret_store(d.db),
        secrets(secret_store, envelope) {}
  DataPlane(const DataPlane&) = delete;
  DataPlane& operator=(const DataPlane&) = delete;

  KvDeps& deps;
  store::Envelope envelope;
  KeyStore key_store;
  KeyService keys;
  SecretStore secret_store;
  SecretService secrets;
};

/// Registers the vault-host routes (with the 401 challenge) and the vault not-found answer. `plane` outlives the
/// router.
void mount(http::Router& router, DataPlane& plane);

}  // namespace azemu::kv
