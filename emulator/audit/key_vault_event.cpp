// See key_vault_event.hpp.
#include "emulator/audit/key_vault_event.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"

#include <algorithm>

namespace azemu::audit {

KeyVaultCall from_request(const http::Request& req) {
  KeyVaultCall c;
  c.api_version = req.query_param("api-version").value_or("");
  c.request_uri = text::istarts_with(req.target, "http") ? req.target : req.base_url() + req.target;
  c.client_info = std::string(req.header("user-agent"));
  c.caller_ip = std::string(req.header("x-forwarded-for"));
  std::string correlation(req.header("x-ms-client-request-id"));
  c.correlation_id = correlation.empty() ? req.request_id : correlation;
  c.operation_id = req.operation_id;
  return c;
}

std::string reason_phrase(int status) {
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
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Internal Server Error" : std::to_string(status);
  }
}

std::string result_type(int status) {
  if (status < 400) return "Success";
  std::string s = reason_phrase(status);
  if (s == std::to_string(status)) return "Failure";
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

AuditEvent key_vault_event(const KeyVaultCall& call, int status, std::int64_t duration_ms, const exec::Clock& clock) {
  AuditEvent e;
  e.id = ids::new_guid();
  e.time = clock.now_iso();
  e.resource_id = call.resource_id;
  e.vault_name = text::to_lower(call.vault_name);
  e.operation_name = call.operation;
  e.operation_version = call.api_version;
  e.result_type = result_type(status);
  e.result_signature = reason_phrase(status);
  e.duration_ms = duration_ms;
  e.caller_ip_address = call.caller_ip;
  e.correlation_id = call.correlation_id;
  if (const auth::Principal* p = call.caller) {
    // Spec: Azure Monitor's AuditEvent names claims by their SAML URIs.
    nlohmann::json claim = {{kClaimObjectId, p->object_id},
                            {"appid", p->app_id},
                            {kClaimTenantId, p->tenant_id},
                            {"iss", "https://sts.windows.net/" + p->tenant_id + "/"}};
    if (!p->upn.empty()) claim[kClaimUpn] = p->upn;
    e.identity = {{"claim", claim}};
  }
  e.request_uri = call.request_uri;
  e.http_status_code = status;
  if (!call.rbac) e.is_access_policy_match = call.policy_match;
  e.properties = call.properties.is_object() ? call.properties : nlohmann::json::object();
  e.properties["clientInfo"] = call.client_info;
  e.properties["requestUri"] = e.request_uri;
  e.properties["httpStatusCode"] = status;
  if (!call.object_id.empty()) e.properties["id"] = call.object_id;
  if (call.rbac && call.policy_match) e.properties["isRbacAuthorized"] = *call.policy_match;
  if (!call.operation_id.empty()) e.properties["operationId"] = call.operation_id;
  return e;
}

}  // namespace azemu::audit
