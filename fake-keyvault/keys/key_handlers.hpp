// HTTP glue for /keys, /deletedkeys and the key operations: request -> typed input -> one
// KeyService call -> wire JSON, plus the audit fields (object id, keyProperties). No SQL, no
// token checks: the audit wrapper already found the vault and authorized the caller.
#pragma once

#include "emulator/http/request.hpp"
#include "emulator/http/reply.hpp"
#include "fake-keyvault/common/vault_context.hpp"
#include "fake-keyvault/keys/key_service.hpp"

namespace azemu::kv {

class KeyHandlers {
public:
  explicit KeyHandlers(KeyService& service) : service_(service) {}

  http::Reply create(VaultContext& ctx, http::Request& req);
  http::Reply import(VaultContext& ctx, http::Request& req);
  http::Reply get(VaultContext& ctx, http::Request& req);
  http::Reply list(VaultContext& ctx, http::Request& req);
  http::Reply list_versions(VaultContext& ctx, http::Request& req);
  http::Reply update(VaultContext& ctx, http::Request& req);
  http::Reply remove(VaultContext& ctx, http::Request& req);
  http::Reply get_deleted(VaultContext& ctx, http::Request& req);
  http::Reply list_deleted(VaultContext& ctx, http::Request& req);
  http::Reply recover_deleted(VaultContext& ctx, http::Request& req);
  http::Reply purge_deleted(VaultContext& ctx, http::Request& req);
  http::Reply backup(VaultContext& ctx, http::Request& req);
  http::Reply restore(VaultContext& ctx, http::Request& req);
  http::Reply rotate(VaultContext& ctx, http::Request& req);
  http::Reply get_rotation_policy(VaultContext& ctx, http::Request& req);
  http::Reply update_rotation_policy(VaultContext& ctx, http::Request& req);
  /// encrypt, decrypt, wrapKey, unwrapKey, sign, verify (version optional: newest).
  http::Reply operate(VaultContext& ctx, http::Request& req, KeyOp op);

private:
  KeyService& service_;
};

}  // namespace azemu::kv
