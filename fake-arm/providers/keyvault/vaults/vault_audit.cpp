// Vault audit records; see vault_audit.hpp.
#include "fake-arm/providers/keyvault/vaults/vault_audit.hpp"

#include "emulator/error/azure_error.hpp"
#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"

#include <algorithm>
#include <chrono>
#include <cctype>

namespace azemu::arm {

namespace {
std::int64_t now_ms(const exec::Clock& clock) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock.now().time_since_epoch()).count();
}

// Spec: AuditEvent resultSignature is the HTTP reason phrase, resultType "Success" or the failure class.
const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    default: return status >= 500 ? "Internal Server Error" : "Error";
  }
}

std::string result_type(int status) {
  if (status < 300) return "Success";
  std::string s = reason_phrase(status);
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

http::Reply VaultAudit::record(const http::Request& req, const char* operation, const std::string& vault_name,
                               const std::string& resource_id, const std::function<http::Reply()>& call) const {
  const auto started = now_ms(clock_);
  http::Reply reply;
  try {
    reply = call();
  } catch (const AzureError& e) {
    // Not a handling site: the failure is recorded and the same error goes on to the pipeline.
    write(req, operation, vault_name, resource_id, e.status_override() ? e.status_override() : http_status(e.kind()), started);
    throw;
  }
  write(req, operation, vault_name, resource_id, reply.status, started);
  return reply;
}

void VaultAudit::write(const http::Request& req, const char* operation, const std::string& vault_name,
                       const std::string& resource_id, int status, std::int64_t started_ms) const {
  audit::AuditEvent e;
  e.id = ids::new_guid();
  e.time = clock_.now_iso();
  e.resource_id = upper(resource_id);  // Observed: Azure Monitor prints resourceId upper-cased
  e.vault_name = text::to_lower(vault_name);
  e.operation_name = operation;
  e.operation_version = req.query_param("api-version").value_or("");
  e.result_type = result_type(status);
  e.result_signature = reason_phrase(status);
  e.duration_ms = now_ms(clock_) - started_ms;
  std::string forwarded(req.header("x-forwarded-for"));
  e.caller_ip_address = forwarded;
  std::string correlation(req.header("x-ms-client-request-id"));
  e.correlation_id = correlation.empty() ? req.request_id : correlation;
  if (req.principal) {
    nlohmann::json claim = {{"http://schemas.microsoft.com/identity/claims/objectidentifier", req.principal->object_id},
                            {"appid", req.principal->app_id},
                            {"http://schemas.microsoft.com/identity/claims/tenantid", req.principal->tenant_id}};
    if (!req.principal->upn.empty()) claim["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"] = req.principal->upn;
    e.identity = {{"claim", claim}};
  }
  e.request_uri = text::istarts_with(req.target, "https://") ? req.target : req.base_url() + req.target;
  e.http_status_code = status;
  e.properties = {{"clientInfo", std::string(req.header("user-agent"))},
                  {"requestUri", e.request_uri},
                  {"httpStatusCode", status}};
  log_.record(e);
}

}  // namespace azemu::arm
