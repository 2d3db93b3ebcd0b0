// Token and device-code response bodies; see token_json.hpp.
#include "fake-aad/token/token_json.hpp"

namespace azemu::aad {

namespace {
void add_user_fields(nlohmann::json& j, const TokenResult& r) {
  if (r.refresh_token) j["refresh_token"] = *r.refresh_token;
  if (r.id_token) j["id_token"] = *r.id_token;
  if (r.client_info) j["client_info"] = *r.client_info;
}
}  // namespace

nlohmann::json token_response_v2(const TokenResult& r) {
  nlohmann::json j = {{"token_type", "Bearer"},
                      {"scope", r.scope},
                      {"expires_in", r.expires_in},
                      {"ext_expires_in", r.expires_in},
                      {"access_token", r.access_token}};
  add_user_fields(j, r);
  return j;
}

nlohmann::json token_response_v1(const TokenResult& r) {
  nlohmann::json j = {{"token_type", "Bearer"}};
  // Observed: v1 user tokens report the delegated permission, app tokens carry no scope.
  if (r.user) j["scope"] = "user_impersonation";
  j["expires_in"] = std::to_string(r.expires_in);
  j["ext_expires_in"] = std::to_string(r.expires_in);
  j["expires_on"] = std::to_string(r.expires_on);
  j["not_before"] = std::to_string(r.not_before);
  j["resource"] = r.resource;
  j["access_token"] = r.access_token;
  add_user_fields(j, r);
  return j;
}

nlohmann::json device_code_response_v2(const DeviceAuthorization& d) {
  return {{"user_code", d.user_code},        {"device_code", d.device_code}, {"verification_uri", d.verification_uri},
          {"expires_in", d.expires_in},      {"interval", d.interval},       {"message", d.message}};
}

nlohmann::json device_code_response_v1(const DeviceAuthorization& d) {
  return {{"user_code", d.user_code},
          {"device_code", d.device_code},
          {"verification_url", d.verification_uri},
          {"expires_in", std::to_string(d.expires_in)},
          {"interval", std::to_string(d.interval)},
          {"message", d.message}};
}

}  // namespace azemu::aad
