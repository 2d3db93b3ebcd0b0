// Discovery handlers; see oidc_handlers.hpp.
#include "fake-aad/token/oidc_handlers.hpp"

#include "fake-aad/token/oidc_documents.hpp"
#include "fake-aad/token/tenant_segment.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::aad {

namespace {
// Graph lives next to the login host: graph.microsoft.com in proxy mode, graph.<base>:<port> in
// cloud mode (same port as the login host the client used).
DiscoveryContext context(const http::Request& req, const cloud::HostNames& names) {
  bool cloud_mode = text::iequals(req.host, "login." + names.cloud_base());
  return {req.base_url(), cloud_mode ? "graph." + names.cloud_base() + req.port_suffix
                                     : std::string(cloud::kGraphHost)};
}

http::Reply cacheable(http::Reply r) {
  r.header("Cache-Control", "max-age=86400, private");
  return r;
}
}  // namespace

OidcHandlers::PathTenant OidcHandlers::path_tenant(const http::Request& req) const {
  TenantSegment t = resolve_tenant_segment(directory_, req.param("tenant"), /*discovery=*/true);
  // Observed: Entra answers organizations/common with those words in the URLs and a "{tenantid}"
  // placeholder issuer; a domain name is answered with the tenant id everywhere.
  if (!t.tenant) return {text::to_lower(t.segment), "{tenantid}"};
  return {t.tenant->id, t.tenant->id};
}

http::Reply OidcHandlers::openid_configuration(http::Request& req) {
  auto t = path_tenant(req);
  return cacheable(http::Reply::ok(openid_configuration_v2(context(req, names_), t.path, t.issuer)));
}

http::Reply OidcHandlers::openid_configuration_v1(http::Request& req) {
  auto t = path_tenant(req);
  return cacheable(http::Reply::ok(aad::openid_configuration_v1(context(req, names_), t.path, t.issuer)));
}

http::Reply OidcHandlers::openid_configuration_adfs(http::Request& req) {
  return cacheable(http::Reply::ok(aad::openid_configuration_adfs(context(req, names_))));
}

http::Reply OidcHandlers::keys(http::Request&) { return cacheable(http::Reply::ok(jwks(key_))); }

http::Reply OidcHandlers::instance_discovery(http::Request& req) {
  std::string endpoint = req.query_param("authorization_endpoint").value_or(req.base_url() + "/common/oauth2/authorize");
  return cacheable(http::Reply::ok(aad::instance_discovery(endpoint, "login." + names_.cloud_base())));
}

http::Reply OidcHandlers::user_realm(http::Request& req) {
  const std::string& user = req.param("user");
  bool known = directory_.find_user_by_upn(user).has_value();
  if (!known) {
    auto at = user.rfind('@');
    known = at != std::string::npos && directory_.find_tenant(user.substr(at + 1)).has_value();
  }
  return http::Reply::ok(aad::user_realm(user, known));
}

}  // namespace azemu::aad
