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
#include "emulator/store/database.hpp"

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

/// Registers the vault-host routes (with the 401 challenge) and the vault not-found answer.
void mount(http::Router& router, KvDeps& deps);

}  // namespace azemu::kv
