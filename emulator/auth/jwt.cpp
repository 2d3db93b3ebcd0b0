// JWT signing/verification; see jwt.hpp. Claims follow Entra's v1 access token shape.
#include "emulator/auth/jwt.hpp"

#include "emulator/json/strings.hpp"

#include <algorithm>

namespace azemu::auth {

std::string sign_jwt(const nlohmann::json& claims, const SigningKey& key) {
  nlohmann::json header = {{"typ", "JWT"}, {"alg", "RS256"}, {"x5t", key.kid()}, {"kid", key.kid()}};
  std::string signing_input = text::base64url_encode(header.dump()) + "." + text::base64url_encode(claims.dump());
  return signing_input + "." + text::base64url_encode(key.sign(signing_input));
}

nlohmann::json decode_jwt_payload(std::string_view token) {
  auto parts = text::split(token, '.');
  if (parts.size() != 3) return nullptr;
  try {
    return nlohmann::json::parse(text::base64_decode(parts[1]));
  } catch (...) {
    return nullptr;
  }
}

std::string normalize_audience(std::string_view aud) {
  std::string s = text::to_lower(aud);
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

namespace {
std::vector<std::string> string_list(const nlohmann::json& claims, const char* name, char sep) {
  std::vector<std::string> out;
  auto it = claims.find(name);
  if (it == claims.end()) return out;
  if (it->is_string()) {
    for (auto& s : text::split(it->get<std::string>(), sep))
      if (!s.empty()) out.push_back(s);
  } else if (it->is_array()) {
    for (auto& v : *it)
      if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

std::string str(const nlohmann::json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
}  // namespace

std::optional<Principal> TokenVerifier::decode_verified(std::string_view token, AuthFailure& failure) const {
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = cache_.find(std::string(token)); it != cache_.end()) return it->second;
  }
  failure = AuthFailure::malformed;
  auto first = token.find('.');
  auto last = token.rfind('.');
  if (first == std::string_view::npos || first == last) return std::nullopt;
  nlohmann::json claims;
  std::string signature;
  try {
    claims = nlohmann::json::parse(text::base64_decode(token.substr(first + 1, last - first - 1)));
    signature = text::base64_decode(token.substr(last + 1));
  } catch (...) {
    return std::nullopt;
  }
  if (!claims.is_object()) return std::nullopt;
  if (!key_.verify(token.substr(0, last), signature)) {
    failure = AuthFailure::bad_signature;
    return std::nullopt;
  }
  Principal p;
  p.tenant_id = str(claims, "tid");
  p.object_id = str(claims, "oid");
  p.app_id = str(claims, "appid");
  if (p.app_id.empty()) p.app_id = str(claims, "azp");
  p.upn = str(claims, "upn");
  if (p.upn.empty()) p.upn = str(claims, "preferred_username");
  p.audience = str(claims, "aud");
  p.kind = str(claims, "idtyp") == "user" ? PrincipalKind::user : PrincipalKind::app;
  p.scopes = string_list(claims, "scp", ' ');
  p.roles = string_list(claims, "roles", ' ');
  p.expires_at = claims.value("exp", std::int64_t{0});
  p.claims = std::move(claims);
  std::lock_guard lock(cache_mutex_);
  if (cache_.size() >= 4096) cache_.clear();  // bounded; tokens are re-verified after a clear
  cache_.emplace(std::string(token), p);
  return p;
}

VerifyResult TokenVerifier::verify(std::string_view authorization, const std::vector<std::string>& audiences,
                                   std::int64_t now) const {
  VerifyResult r;
  if (!text::istarts_with(authorization, "Bearer ")) return r;
  std::string_view token = authorization.substr(7);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  if (token.empty()) return r;
  auto principal = decode_verified(token, r.failure);
  if (!principal) return r;
  r.principal = std::move(*principal);
  const Principal& p = r.principal;
  if (p.expires_at <= now) {
    r.failure = AuthFailure::expired;
    return r;
  }
  if (p.claims.value("nbf", std::int64_t{0}) > now + 300) {  // Entra tolerates 5 minutes of skew
    r.failure = AuthFailure::not_yet_valid;
    return r;
  }
  std::string aud = normalize_audience(p.audience);
  bool aud_ok = std::any_of(audiences.begin(), audiences.end(),
                            [&](const std::string& a) { return normalize_audience(a) == aud; });
  if (!aud_ok) {
    r.failure = AuthFailure::wrong_audience;
    return r;
  }
  if (!tenant_known_ || !tenant_known_(p.tenant_id)) {
    r.failure = AuthFailure::wrong_tenant;
    return r;
  }
  r.ok = true;
  return r;
}

}  // namespace azemu::auth
