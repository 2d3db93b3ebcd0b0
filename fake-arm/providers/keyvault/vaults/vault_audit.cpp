// Vault audit records; see vault_audit.hpp.
#include "fake-arm/providers/keyvault/vaults/vault_audit.hpp"

#include "emulator/audit/key_vault_event.hpp"
#include "emulator/error/azure_error.hpp"

#include <cctype>
#include <chrono>

namespace azemu::arm {

http::Reply VaultAudit::record(const http::Request& req, const char* operation, const std::string& vault_name,
                               const std::string& resource_id, const std::function<http::Reply()>& call) const {
  const auto started = std::chrono::steady_clock::now();
  audit::KeyVaultCall row = audit::from_request(req);
  row.operation = operation;
  row.vault_name = vault_name;
  row.resource_id = resource_id;
  for (auto& c : row.resource_id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));  // Observed: Azure Monitor prints resourceId upper-cased
  if (req.principal) row.caller = &*req.principal;
  auto write = [&](int status) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    log_.record(audit::key_vault_event(row, status, ms.count(), clock_));
  };
  http::Reply reply;
  try {
    reply = call();
  } catch (const AzureError& e) {
    // Not a handling site: the failure is recorded and the same error goes on to the pipeline.
    write(e.status_override() ? e.status_override() : http_status(e.kind()));
    throw;
  }
  write(reply.status);
  return reply;
}

}  // namespace azemu::arm
