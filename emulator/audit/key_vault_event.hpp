// The one builder of Key Vault AuditEvent rows (Azure Monitor's Key Vault "AuditEvent" category, ade.md §2.8):
// the vault management plane (fake-arm's VaultAudit), the data plane's routes (fake-keyvault's audited wrapper
// and its 401 answers) and the platform's in-process calls describe their call in a KeyVaultCall and get the row
// here: identity claims, result type and signature, request URI, isAccessPolicyMatch / isRbacAuthorized and the
// object's properties. Spec: learn.microsoft.com "Azure Key Vault logging" (AuditEvent fields). Decides nothing
// about the call.
#pragma once

#include "emulator/audit/audit_log.hpp"
#include "emulator/auth/principal.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/http/request.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace azemu::audit {

/// What one audited call was: from_request() fills the request's part, the caller the rest.
struct KeyVaultCall {
  std::string operation;        // "SecretGet", "KeyUnwrap", "VaultPut", "Authentication", ...
  std::string vault_name;       // the vault addressed (recorded lower case); "" for lists
  std::string resource_id;      // the vault's ARM id, as the caller wants it printed; "" when unknown
  std::string api_version;      // operationVersion
  std::string request_uri;      // absolute URI
  std::string client_info;      // User-Agent
  std::string caller_ip;        // X-Forwarded-For
  std::string correlation_id;   // x-ms-client-request-id, else azemu's request id
  std::string operation_id;     // the route's operation id; "" when none
  const auth::Principal* caller = nullptr;  // null: unauthenticated
  std::optional<bool> policy_match;         // the authorization outcome, when one was made
  bool rbac = false;                        // which model decided it (isRbacAuthorized vs isAccessPolicyMatch)
  std::string object_id;                    // properties.id: the key or secret the vault resolved
  nlohmann::json properties = nlohmann::json::object();  // keyProperties / secretProperties / algorithm ...
};

/// The request's part of a call: URI, client info, caller IP, correlation id, operation id and api-version (as
/// sent, "" when none).
KeyVaultCall from_request(const http::Request& req);

/// The row for `call`, answered with HTTP `status` after `duration_ms`, stamped with `clock`'s time.
AuditEvent key_vault_event(const KeyVaultCall& call, int status, std::int64_t duration_ms, const exec::Clock& clock);

/// resultSignature: the HTTP reason phrase ("OK", "Not Found", "Internal Server Error", ...).
std::string reason_phrase(int status);
/// resultType: "Success" below 400, else the status's name as .NET's HttpStatusCode spells it ("NotFound",
/// "InternalServerError").
std::string result_type(int status);

}  // namespace azemu::audit
