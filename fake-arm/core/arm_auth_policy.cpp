// ARM auth failure answers; see arm_auth_policy.hpp. Wording observed from management.azure.com.
#include "fake-arm/core/arm_auth_policy.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/core/cloud_endpoints.hpp"
#include "fake-arm/errors.hpp"

#include <ctime>

namespace azemu::arm {

std::string arm_error_time(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  int hour12 = tm.tm_hour % 12 == 0 ? 12 : tm.tm_hour % 12;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%d/%d/%d %d:%02d:%02d %s", tm.tm_mon + 1, tm.tm_mday, tm.tm_year + 1900, hour12,
                tm.tm_min, tm.tm_sec, tm.tm_hour < 12 ? "AM" : "PM");
  return buf;
}

namespace {
// The tenant to name in the challenge: the subscription's in the path, else the token's, else common.
std::string challenge_tenant(const http::Request& req, const auth::VerifyResult& v, const SubscriptionTenantLookup& of) {
  auto parts = text::split(req.path, '/');
  for (std::size_t i = 0; i + 1 < parts.size(); ++i)
    if (text::iequals(parts[i], "subscriptions") && of)
      if (auto t = of(parts[i + 1])) return *t;
  if (!v.principal.tenant_id.empty()) return v.principal.tenant_id;
  return "common";
}

std::string quoted_audiences(const std::vector<std::string>& audiences) {
  std::string out;
  for (const auto& a : audiences) out += (out.empty() ? "'" : ",'") + a + "'";
  return out;
}

std::int64_t claim_time(const auth::VerifyResult& v, const char* name) {
  const auto& c = v.principal.claims;
  return c.is_object() && c.contains(name) && c[name].is_number() ? c[name].get<std::int64_t>() : 0;
}
}  // namespace

std::shared_ptr<const http::AuthPolicy> arm_auth_policy(const cloud::HostNames& names, const exec::Clock& clock,
                                                        SubscriptionTenantLookup tenant_of) {
  auto policy = std::make_shared<http::AuthPolicy>();
  policy->audiences = [&names](const http::Request&) { return names.arm_audiences(); };
  policy->on_failure = [&names, &clock, tenant_of = std::move(tenant_of)](
                           auth::AuthFailure f, const auth::VerifyResult& v, const http::Request& req) -> AzureError {
    const std::string now = arm_error_time(clock.now_unix());
    AzureError e = errors::invalid_token();
    std::string description;
    switch (f) {
      case auth::AuthFailure::missing:
        e = errors::authentication_missing();
        description = "The authentication failed because of missing 'Authorization' header.";
        break;
      case auth::AuthFailure::malformed:
      case auth::AuthFailure::bad_signature: break;
      case auth::AuthFailure::expired: {
        std::int64_t exp = v.principal.expires_at ? v.principal.expires_at : claim_time(v, "exp");
        e = errors::expired_token(arm_error_time(exp), now);
        break;
      }
      case auth::AuthFailure::not_yet_valid: e = errors::token_not_yet_valid(arm_error_time(claim_time(v, "nbf")), now); break;
      case auth::AuthFailure::wrong_audience: {
        std::string aud = v.principal.audience;
        if (aud.empty() && v.principal.claims.is_object() && v.principal.claims.contains("aud"))
          aud = v.principal.claims["aud"].dump();
        e = errors::wrong_audience(aud, quoted_audiences(names.arm_audiences()));
        break;
      }
      case auth::AuthFailure::wrong_tenant: {
        std::string iss = v.principal.claims.is_object() ? v.principal.claims.value("iss", "") : "";
        e = errors::wrong_tenant(iss.empty() ? "https://sts.windows.net/" + v.principal.tenant_id + "/" : iss);
        break;
      }
    }
    if (description.empty()) description = e.message();
    const std::string uri = cloud_endpoints(req, names).authority_host + "/" + challenge_tenant(req, v, tenant_of);
    e.with_header("WWW-Authenticate", "Bearer authorization_uri=\"" + uri +
                                          "\", error=\"invalid_token\", error_description=\"" + description + "\"");
    return e;
  };
  return policy;
}

}  // namespace azemu::arm
