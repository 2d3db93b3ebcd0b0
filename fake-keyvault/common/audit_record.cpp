// AuditEvent assembly; see audit_record.hpp.
#include "fake-keyvault/common/audit_record.hpp"

#include "emulator/ids/guid.hpp"
#include "fake-keyvault/common/vault_context.hpp"

namespace azemu::kv {

namespace {
std::string result_type(int status) {
  if (status < 400) return "Success";
  switch (status) {
    case 400: return "BadRequest";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "NotFound";
    case 409: return "Conflict";
    default: return status >= 500 ? "ServerError" : "Failure";
  }
}
std::string reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 501: return "Not Implemented";
    default: return status >= 500 ? "Internal Server Error" : std::to_string(status);
  }
}
}  // namespace

void record_audit(KvDeps& deps, const http::Request& req, const ports::VaultInfo* vault,
                  const std::string& operation_name, int status, const auth::Principal* caller,
                  std::optional<bool> policy_match, bool rbac, const std::string& object_id,
                  const nlohmann::json& properties, std::int64_t duration_ms) {
  audit::AuditEvent e;
  e.id = ids::new_guid();
  e.time = deps.clock.now_iso();
  e.vault_name = vault ? vault->name : req.host_info.vault_name;
  e.resource_id = vault ? vault->resource_id : "";
  e.operation_name = operation_name;
  auto api = req.query_param("api-version");
  e.operation_version = api && !api->empty() ? *api : kDefaultApiVersion;
  e.result_type = result_type(status);
  e.result_signature = reason(status);
  e.duration_ms = duration_ms;
  auto fwd = req.header("x-forwarded-for");
  e.caller_ip_address = std::string(fwd);
  auto cid = req.header("x-ms-client-request-id");
  e.correlation_id = cid.empty() ? req.request_id : std::string(cid);
  if (caller)
    // Spec: Azure Monitor's AuditEvent names claims by their SAML URIs, as fake-arm's vault audit does.
    e.identity = {{"claim",
                   {{audit::kClaimObjectId, caller->object_id}, {"appid", caller->app_id},
                    {audit::kClaimUpn, caller->upn}, {audit::kClaimTenantId, caller->tenant_id},
                    {"iss", "https://sts.windows.net/" + caller->tenant_id + "/"}}}};
  e.request_uri = req.target.rfind("http", 0) == 0 ? req.target : req.base_url() + req.target;
  e.http_status_code = status;
  if (!rbac) e.is_access_policy_match = policy_match;
  e.properties = properties.is_object() ? properties : nlohmann::json::object();
  e.properties["clientInfo"] = std::string(req.header("user-agent"));
  e.properties["requestUri"] = e.request_uri;
  e.properties["httpStatusCode"] = status;
  if (!object_id.empty()) e.properties["id"] = object_id;
  if (rbac && policy_match) e.properties["isRbacAuthorized"] = *policy_match;
  if (!req.operation_id.empty()) e.properties["operationId"] = req.operation_id;
  deps.audit.record(e);
}

}  // namespace azemu::kv
