// HTTP glue for /secrets and /deletedsecrets: request -> typed input -> one SecretService call ->
// wire JSON, plus the audit fields (object id, secretProperties). No SQL, no token checks.
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "fake-keyvault/common/vault_context.hpp"
#include "fake-keyvault/secrets/secret_service.hpp"

namespace azemu::kv {

class SecretHandlers {
public:
  explicit SecretHandlers(SecretService& service) : service_(service) {}

  http::Reply set(VaultContext& ctx, http::Request& req);
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

private:
  SecretService& service_;
};

}  // namespace azemu::kv
