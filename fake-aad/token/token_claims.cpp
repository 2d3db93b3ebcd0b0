// Claim building; see token_claims.hpp. Claim names and value shapes follow Entra's v1 access
// token reference (Spec: learn.microsoft.com "Access token claims reference").
#include "fake-aad/token/token_claims.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"

namespace azemu::aad {

namespace {
// uti (token id) and rh (refresh hint) are opaque to clients; Entra uses base64url strings.
std::string opaque_id(std::size_t bytes) { return text::base64url_encode(ids::random_hex(bytes)).substr(0, 22); }

nlohmann::json common_claims(const std::string& tenant_id, const std::string& resource, const TokenTimes& t) {
  return {{"aud", resource},
          {"iss", v1_issuer(tenant_id)},
          {"iat", t.iat},
          {"nbf", t.nbf},
          {"exp", t.exp},
          {"idp", v1_issuer(tenant_id)},
          {"tid", tenant_id},
          {"ver", "1.0"},
          {"uti", opaque_id(16)},
          {"rh", "0." + opaque_id(24)}};
}
}  // namespace

TokenTimes token_times(std::int64_t now) { return TokenTimes{now, now, now + kAccessTokenLifetime}; }

std::string v1_issuer(const std::string& tenant_id) { return "https://sts.windows.net/" + tenant_id + "/"; }

nlohmann::json app_access_claims(const ServicePrincipal& sp, const std::string& resource, const TokenTimes& t,
                                 const std::vector<std::string>& roles) {
  nlohmann::json c = common_claims(sp.tenant_id, resource, t);
  c["appid"] = sp.app_id;
  c["appidacr"] = "1";
  c["oid"] = sp.object_id;
  c["sub"] = sp.object_id;
  c["idtyp"] = "app";
  if (!roles.empty()) c["roles"] = roles;
  return c;
}

nlohmann::json user_access_claims(const User& user, const std::string& client_id, bool confidential,
                                  const std::string& resource, const TokenTimes& t) {
  nlohmann::json c = common_claims(user.tenant_id, resource, t);
  c["acr"] = "1";
  c["amr"] = nlohmann::json::array({"pwd"});
  c["appid"] = client_id;
  c["appidacr"] = confidential ? "1" : "0";
  c["oid"] = user.object_id;
  c["sub"] = user.object_id;
  c["idtyp"] = "user";
  c["upn"] = user.user_principal_name;
  c["unique_name"] = user.user_principal_name;
  c["name"] = user.display_name;
  if (user.given_name) c["given_name"] = *user.given_name;
  if (user.surname) c["family_name"] = *user.surname;
  c["scp"] = "user_impersonation";
  return c;
}

nlohmann::json id_token_claims(const User& user, const std::string& client_id, const TokenTimes& t) {
  return {{"aud", client_id},
          {"iss", "https://login.microsoftonline.com/" + user.tenant_id + "/v2.0"},
          {"iat", t.iat},
          {"nbf", t.nbf},
          {"exp", t.exp},
          {"tid", user.tenant_id},
          {"oid", user.object_id},
          {"sub", user.object_id},
          {"preferred_username", user.user_principal_name},
          {"name", user.display_name},
          {"ver", "2.0"}};
}

std::string client_info(const User& user) {
  return text::base64url_encode(nlohmann::json{{"uid", user.object_id}, {"utid", user.tenant_id}}.dump());
}

}  // namespace azemu::aad
