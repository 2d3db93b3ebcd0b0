// Key Vault 401s and challenges; see kv_auth_policy.hpp.
#include "fake-keyvault/common/kv_auth_policy.hpp"

#include "emulator/json/strings.hpp"
#include "emulator/audit/key_vault_event.hpp"
#include "fake-keyvault/common/vault_context.hpp"
#include "fake-keyvault/errors.hpp"

namespace azemu::kv {

namespace {
bool proxy_mode(const http::Request& req) { return text::iends_with(req.host, cloud::kVaultSuffix); }

AzureError failure_error(auth::AuthFailure f, const auth::VerifyResult& r, const std::string& resource) {
  switch (f) {
    case auth::AuthFailure::missing: return errors::missing_token();
    case auth::AuthFailure::wrong_audience: return errors::invalid_audience(resource, r.principal.audience);
    case auth::AuthFailure::expired: return errors::invalid_token("Token is expired.");
    case auth::AuthFailure::not_yet_valid: return errors::invalid_token("Token is not yet valid.");
    case auth::AuthFailure::wrong_tenant: return errors::invalid_token("Token issuer is not a known tenant.");
    case auth::AuthFailure::malformed:
    case auth::AuthFailure::bad_signature: break;
  }
  return errors::invalid_token("Token validation failed.");
}
}  // namespace

std::string vault_resource(const cloud::HostNames& names, const http::Request& req) {
  if (proxy_mode(req)) return std::string(cloud::kVaultAudience);
  return "https://vault." + names.cloud_base() + req.port_suffix;
}

std::string challenge_header(const cloud::HostNames& names, const http::Request& req, const std::string& tenant) {
  // Observed (ade.md §2.1): real vaults name login.windows.net; login.microsoftonline.com is the
  // same authority and is the host azemu serves in proxy mode. The CLI ignores the tenant segment.
  std::string login = proxy_mode(req) ? "https://" + std::string(cloud::kLoginHost)
                                      : "https://login." + names.cloud_base() + req.port_suffix;
  return "Bearer authorization=\"" + login + "/" + tenant + "\", resource=\"" + vault_resource(names, req) + "\"";
}

std::shared_ptr<const http::AuthPolicy> kv_auth_policy(KvDeps& deps) {
  auto policy = std::make_shared<http::AuthPolicy>();
  policy->audiences = [&deps](const http::Request& req) { return deps.names.vault_audiences(req.port_suffix); };
  policy->on_failure = [&deps](auth::AuthFailure f, const auth::VerifyResult& r, const http::Request& req) {
    auto vault = deps.vaults.find(req.host_info.vault_name);
    if (!vault) return errors::vault_not_found(req.host_info.vault_name);
    AzureError e = failure_error(f, r, vault_resource(deps.names, req));
    e.with_header("WWW-Authenticate", challenge_header(deps.names, req, vault->tenant_id));
    // A token that verified partially still names its caller; a missing one names nobody.
    const auth::Principal* who = f == auth::AuthFailure::missing || f == auth::AuthFailure::malformed ||
                                         f == auth::AuthFailure::bad_signature
                                     ? nullptr
                                     : &r.principal;
    audit::KeyVaultCall row = audit::from_request(req);
    row.operation = "Authentication";
    row.vault_name = vault->name;
    row.resource_id = vault->resource_id;
    if (row.api_version.empty()) row.api_version = kDefaultApiVersion;
    row.caller = who;
    deps.audit.record(audit::key_vault_event(row, 401, 0, deps.clock));
    return e;
  };
  return policy;
}

}  // namespace azemu::kv
