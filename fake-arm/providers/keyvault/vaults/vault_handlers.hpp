// HTTP glue for Microsoft.KeyVault/vaults (Spec: keyvault resource-manager 2022-07-01 keyvault.json
// Vaults_*). Every call is audited (vault_audit.hpp). vaultUri follows the host the client used
// (proxy mode: <name>.vault.azure.net; cloud mode: <name>.vault.<base>:<port>).
#pragma once

#include "emulator/cloud/hosts.hpp"
#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "fake-arm/providers/keyvault/vaults/vault_audit.hpp"
#include "fake-arm/providers/keyvault/vaults/vault_service.hpp"

namespace azemu::arm {

class VaultHandlers {
public:
  VaultHandlers(const VaultService& svc, const cloud::HostNames& names, const VaultAudit& audit)
      : svc_(svc), names_(names), audit_(audit) {}

  http::Reply create_or_update(http::Request& req);      // PUT    .../vaults/{v}          201 new / 200 existing
  http::Reply update(http::Request& req);                // PATCH  .../vaults/{v}
  http::Reply get(http::Request& req);                   // GET    .../vaults/{v}
  http::Reply remove(http::Request& req);                // DELETE .../vaults/{v}          200 / 204
  http::Reply update_access_policy(http::Request& req);  // PUT    .../vaults/{v}/accessPolicies/{operationKind}
  http::Reply list_by_group(http::Request& req);         // GET    .../resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults
  http::Reply list_by_subscription(http::Request& req);  // GET    /subscriptions/{s}/providers/Microsoft.KeyVault/vaults
  http::Reply list_deleted(http::Request& req);          // GET    /subscriptions/{s}/providers/Microsoft.KeyVault/deletedVaults
  http::Reply get_deleted(http::Request& req);           // GET    .../locations/{location}/deletedVaults/{v}
  http::Reply purge_deleted(http::Request& req);         // POST   .../locations/{location}/deletedVaults/{v}/purge  202 + Location
  http::Reply check_name(http::Request& req);            // POST   /subscriptions/{s}/providers/Microsoft.KeyVault/checkNameAvailability

private:
  std::string vault_dns(const http::Request& req) const;
  http::Reply list(http::Request& req, const std::string& group);
  const VaultService& svc_;
  const cloud::HostNames& names_;
  const VaultAudit& audit_;
};

}  // namespace azemu::arm
