// Token endpoint handlers; see token_handlers.hpp.
#include "fake-aad/token/token_handlers.hpp"

#include "fake-aad/errors.hpp"
#include "fake-aad/token/tenant_segment.hpp"
#include "fake-aad/token/token_json.hpp"

namespace azemu::aad {

namespace {
std::string field(const std::map<std::string, std::string>& form, const char* name) {
  auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

// ADFS-style routes have no {tenant} segment: the authority is the single default tenant.
std::string tenant_of(const http::Request& req) {
  const std::string& t = req.param("tenant");
  return t.empty() ? std::string("adfs") : t;
}

// Spec (RFC 6749 §5.1): token responses must not be cached.
http::Reply no_store(const nlohmann::json& body) {
  http::Reply r = http::Reply::ok(body);
  r.header("Cache-Control", "no-store, no-cache");
  r.header("Pragma", "no-cache");
  return r;
}
}  // namespace

TokenHandlers::TokenHandlers(const AadDeps& deps)
    : directory_(deps.db),
      refresh_tokens_(deps.db),
      device_codes_(deps.db),
      devices_(directory_, device_codes_, deps.clock),
      tokens_(directory_, refresh_tokens_, devices_, deps.clock, deps.signing_key, deps.names) {}

TokenResult TokenHandlers::run(http::Request& req, TokenEndpoint endpoint) {
  TenantSegment tenant = resolve_tenant_segment(directory_, tenant_of(req));
  auto form = req.form();
  TokenRequest t;
  t.endpoint = endpoint;
  t.grant_type = field(form, "grant_type");
  t.client_id = field(form, "client_id");
  t.client_secret = field(form, "client_secret");
  t.scope = field(form, "scope");
  t.resource = field(form, "resource");
  t.username = field(form, "username");
  t.password = field(form, "password");
  t.refresh_token = field(form, "refresh_token");
  // MSAL Python sends the device code as both device_code and (for v1 compatibility) code.
  t.device_code = field(form, "device_code");
  if (t.device_code.empty()) t.device_code = field(form, "code");
  t.client_info = field(form, "client_info") == "1";
  return tokens_.issue(tenant, t);
}

http::Reply TokenHandlers::token(http::Request& req) {
  bool adfs = req.param("tenant").empty();
  return no_store(token_response_v2(run(req, adfs ? TokenEndpoint::adfs : TokenEndpoint::v2)));
}

http::Reply TokenHandlers::token_v1(http::Request& req) { return no_store(token_response_v1(run(req, TokenEndpoint::v1))); }

DeviceAuthorization TokenHandlers::start_device_flow(http::Request& req, bool v1) {
  TenantSegment tenant = resolve_tenant_segment(directory_, tenant_of(req));
  auto form = req.form();
  DeviceCodeRequest d;
  d.client_id = field(form, "client_id");
  std::string resource = field(form, "resource");
  d.scope = v1 && !resource.empty() ? resource + "/.default" : field(form, "scope");
  if (d.scope.empty()) throw errors::missing_parameter(v1 ? "resource" : "scope");
  d.base_url = req.base_url();
  return devices_.start(tenant, d);
}

http::Reply TokenHandlers::device_code(http::Request& req) {
  return no_store(device_code_response_v2(start_device_flow(req, false)));
}

http::Reply TokenHandlers::device_code_v1(http::Request& req) {
  return no_store(device_code_response_v1(start_device_flow(req, true)));
}

http::Reply TokenHandlers::authorize(http::Request&) { throw errors::interactive_not_implemented(); }

}  // namespace azemu::aad
