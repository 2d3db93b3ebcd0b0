// Discovery documents; see oidc_documents.hpp. Field sets copied from real responses of
// login.microsoftonline.com (v2/v1 tenants) and AD FS 2019 (/adfs/.well-known/openid-configuration).
#include "fake-aad/token/oidc_documents.hpp"

#include "emulator/json/strings.hpp"

#include <algorithm>
#include <array>

namespace azemu::aad {

namespace {
const nlohmann::json kClaimsSupported = {"sub", "iss", "cloud_instance_name", "cloud_instance_host_name",
                                         "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time",
                                         "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash",
                                         "c_hash", "email"};

nlohmann::json common_fields(const DiscoveryContext& ctx) {
  return {{"token_endpoint_auth_methods_supported", {"client_secret_post", "private_key_jwt", "client_secret_basic"}},
          {"response_modes_supported", {"query", "fragment", "form_post"}},
          {"subject_types_supported", {"pairwise"}},
          {"id_token_signing_alg_values_supported", {"RS256"}},
          {"response_types_supported", {"code", "id_token", "code id_token", "id_token token"}},
          {"http_logout_supported", true},
          {"frontchannel_logout_supported", true},
          {"claims_supported", kClaimsSupported},
          {"tenant_region_scope", "NA"},
          {"cloud_instance_name", "microsoftonline.com"},
          {"cloud_graph_host_name", "graph.windows.net"},
          {"msgraph_host", ctx.graph_host},
          {"rbac_url", "https://pas.windows.net"}};
}

// "https://host:8443/t/oauth2/authorize" -> {"host:8443", "t"}
std::pair<std::string, std::string> authority_parts(std::string_view url) {
  auto scheme = url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  auto slash = rest.find('/');
  std::string netloc(rest.substr(0, slash));
  std::string tenant = "common";
  if (slash != std::string_view::npos) {
    auto segs = text::split(rest.substr(slash + 1), '/');
    if (!segs.empty() && !segs[0].empty()) tenant = segs[0];
  }
  return {text::to_lower(netloc), tenant};
}

nlohmann::json alias_group(const std::string& host) {
  return {{"preferred_network", host}, {"preferred_cache", host}, {"aliases", {host}}};
}
}  // namespace

nlohmann::json openid_configuration_v2(const DiscoveryContext& ctx, const std::string& path_tenant,
                                       const std::string& issuer_tenant) {
  const std::string t = ctx.base_url + "/" + path_tenant;
  nlohmann::json doc = common_fields(ctx);
  doc["token_endpoint"] = t + "/oauth2/v2.0/token";
  doc["jwks_uri"] = t + "/discovery/v2.0/keys";
  doc["issuer"] = ctx.base_url + "/" + issuer_tenant + "/v2.0";
  doc["request_uri_parameter_supported"] = false;
  doc["userinfo_endpoint"] = "https://" + ctx.graph_host + "/oidc/userinfo";
  doc["authorization_endpoint"] = t + "/oauth2/v2.0/authorize";
  doc["device_authorization_endpoint"] = t + "/oauth2/v2.0/devicecode";
  doc["end_session_endpoint"] = t + "/oauth2/v2.0/logout";
  doc["kerberos_endpoint"] = t + "/kerberos";
  doc["scopes_supported"] = {"openid", "profile", "email", "offline_access"};
  return doc;
}

nlohmann::json openid_configuration_v1(const DiscoveryContext& ctx, const std::string& path_tenant,
                                       const std::string& issuer_tenant) {
  const std::string t = ctx.base_url + "/" + path_tenant;
  nlohmann::json doc = common_fields(ctx);
  doc["token_endpoint"] = t + "/oauth2/token";
  doc["jwks_uri"] = t + "/discovery/keys";
  doc["issuer"] = "https://sts.windows.net/" + issuer_tenant + "/";
  doc["microsoft_multi_refresh_token"] = true;
  doc["check_session_iframe"] = t + "/oauth2/checksession";
  doc["userinfo_endpoint"] = t + "/openid/userinfo";
  doc["authorization_endpoint"] = t + "/oauth2/authorize";
  doc["device_authorization_endpoint"] = t + "/oauth2/devicecode";
  doc["end_session_endpoint"] = t + "/oauth2/logout";
  doc["kerberos_endpoint"] = t + "/kerberos";
  doc["scopes_supported"] = {"openid"};
  return doc;
}

nlohmann::json openid_configuration_adfs(const DiscoveryContext& ctx) {
  const std::string a = ctx.base_url + "/adfs";
  std::string host = ctx.base_url.substr(ctx.base_url.find("://") + 3);
  return {{"issuer", a},
          {"authorization_endpoint", a + "/oauth2/authorize"},
          {"token_endpoint", a + "/oauth2/token"},
          {"device_authorization_endpoint", a + "/oauth2/devicecode"},
          {"jwks_uri", a + "/discovery/keys"},
          {"userinfo_endpoint", a + "/userinfo"},
          {"end_session_endpoint", a + "/oauth2/logout"},
          {"frontchannel_logout_supported", true},
          {"frontchannel_logout_session_supported", true},
          {"api_version", "1.0"},
          {"response_types_supported",
           {"code", "id_token", "code id_token", "id_token token", "code token", "code id_token token"}},
          {"response_modes_supported", {"query", "fragment", "form_post"}},
          {"grant_types_supported",
           {"authorization_code", "refresh_token", "client_credentials", "password", "implicit",
            "urn:ietf:params:oauth:grant-type:jwt-bearer", "urn:ietf:params:oauth:grant-type:device_code",
            "device_code"}},
          {"subject_types_supported", {"pairwise"}},
          {"scopes_supported", {"openid", "profile", "email", "offline_access", "user_impersonation", "allatclaims",
                                "aza", "vpn_cert", "logon_cert", "winhello_cert"}},
          {"id_token_signing_alg_values_supported", {"RS256"}},
          {"token_endpoint_auth_methods_supported",
           {"client_secret_post", "client_secret_basic", "private_key_jwt", "windows_client_authentication"}},
          {"access_token_issuer", "http://" + host + "/adfs/services/trust"},
          {"microsoft_multi_refresh_token", true},
          {"as_access_token", true}};
}

nlohmann::json jwks(const auth::SigningKey& key) {
  nlohmann::json jwk = key.jwk();
  if (!jwk.contains("x5t")) jwk["x5t"] = key.kid();  // sign_jwt puts the kid in the x5t header too
  return {{"keys", nlohmann::json::array({jwk})}};
}

nlohmann::json instance_discovery(std::string_view authorization_endpoint, const std::string& cloud_login_host) {
  auto [netloc, tenant] = authority_parts(authorization_endpoint);
  std::string host = netloc.substr(0, netloc.rfind(':') == std::string::npos ? netloc.size() : netloc.rfind(':'));
  // Observed: Entra's public-cloud alias group; MSAL uses it to share cached tokens across names.
  const std::array<std::string, 4> kPublic = {"login.microsoftonline.com", "login.windows.net",
                                              "login.microsoft.com", "sts.windows.net"};
  nlohmann::json metadata = nlohmann::json::array(
      {{{"preferred_network", kPublic[0]}, {"preferred_cache", kPublic[1]}, {"aliases", kPublic}}});
  bool is_public = std::find(kPublic.begin(), kPublic.end(), host) != kPublic.end();
  if (!is_public && !host.empty()) metadata.push_back(alias_group(host));
  if (host != cloud_login_host) metadata.push_back(alias_group(cloud_login_host));
  return {{"tenant_discovery_endpoint", "https://" + netloc + "/" + tenant + "/v2.0/.well-known/openid-configuration"},
          {"api-version", "1.1"},
          {"metadata", metadata}};
}

nlohmann::json user_realm(std::string_view user, bool known) {
  auto at = user.rfind('@');
  std::string domain = at == std::string_view::npos ? std::string() : std::string(user.substr(at + 1));
  nlohmann::json j = {{"ver", "1.0"}, {"account_type", known ? "Managed" : "Unknown"}, {"domain_name", domain}};
  if (known) {
    j["cloud_instance_name"] = "microsoftonline.com";
    j["cloud_audience_urn"] = "urn:federation:MicrosoftOnline";
  }
  return j;
}

}  // namespace azemu::aad
