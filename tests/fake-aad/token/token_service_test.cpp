// TokenService against a real SQLite store (the TestStack's) and a FakeClock: secret expiry,
// refresh-token binding and expiry, and device-code redemption through the grant.
#include "fake-aad/token/token_service.hpp"

#include "fake-aad/errors.hpp"
#include "fake-aad/mount.hpp"
#include "fake-aad/token/token_claims.hpp"
#include "tests/fake-aad/aad_test_support.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::aad;
using azemu::testing::TestStack;

namespace {
struct Fixture {
  TestStack stack;
  cloud::HostNames names;
  DirectoryStore directory{stack.db()};
  RefreshTokenStore refresh_tokens{stack.db()};
  DeviceCodeStore codes{stack.db()};
  DeviceCodeService devices{directory, codes, stack.clock()};
  TokenService service{directory, refresh_tokens, devices, stack.clock(), stack.signing_key(), names};
  TenantSegment tenant = resolve_tenant_segment(directory, stack.seed().tenant_id);

  TokenRequest password_request() {
    TokenRequest r;
    r.grant_type = "password";
    r.client_id = std::string(cloud::kAzureCliClientId);
    r.username = stack.seed().admin_user;
    r.password = stack.seed().admin_password;
    r.scope = "https://management.core.windows.net//.default offline_access";
    return r;
  }
};

int aad_code(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const AzureError& e) {
    return e.aad_codes().empty() ? -1 : e.aad_codes()[0];
  }
  return 0;
}
}  // namespace

TEST_SUITE("token_service") {

TEST_CASE("a password credential whose end date has passed no longer logs in (AADSTS7000222)") {
  Fixture f;
  const auto& s = f.stack.seed();
  PasswordCredential cred;
  cred.key_id = "44444444-0000-4000-8000-000000000004";
  cred.app_object_id = s.client_app_object_id;
  cred.hint = "sho";
  cred.secret = hash_password("short-lived-secret", kClientSecretIterations);
  cred.start_time = f.stack.clock().now_unix();
  cred.end_time = f.stack.clock().now_unix() + 60;
  cred.created = cred.start_time;
  f.directory.insert_password_credential(cred);

  TokenRequest r;
  r.grant_type = "client_credentials";
  r.client_id = s.client_id;
  r.client_secret = "short-lived-secret";
  r.scope = "https://management.core.windows.net//.default";
  CHECK(aad_code([&] { f.service.issue(f.tenant, r); }) == 0);
  f.stack.clock().advance(std::chrono::seconds(61));
  CHECK(aad_code([&] { f.service.issue(f.tenant, r); }) == 7000222);
  r.client_secret = s.client_secret;  // the seeded secret is still valid
  CHECK(aad_code([&] { f.service.issue(f.tenant, r); }) == 0);
}

TEST_CASE("access tokens expire 3599 seconds after the fake clock's now") {
  Fixture f;
  auto result = f.service.issue(f.tenant, f.password_request());
  CHECK(result.expires_on == f.stack.clock().now_unix() + 3599);
  auto claims = auth::decode_jwt_payload(result.access_token);
  CHECK(claims["exp"] == f.stack.clock().now_unix() + 3599);
  f.stack.clock().advance(std::chrono::seconds(3600));
  CHECK_FALSE(testing::aad::verify(f.stack, result.access_token, "https://management.core.windows.net/").ok);
}

TEST_CASE("a refresh token is bound to the client it was issued to") {
  Fixture f;
  auto first = f.service.issue(f.tenant, f.password_request());
  TokenRequest r;
  r.grant_type = "refresh_token";
  r.client_id = "1950a258-227b-4e31-a9cf-717495945fc2";  // Azure PowerShell, not the CLI
  r.refresh_token = *first.refresh_token;
  r.scope = "https://vault.azure.net/.default";
  CHECK(aad_code([&] { f.service.issue(f.tenant, r); }) == 70000);
  r.client_id = std::string(cloud::kAzureCliClientId);
  auto second = f.service.issue(f.tenant, r);
  CHECK(auth::decode_jwt_payload(second.access_token)["aud"] == "https://vault.azure.net");
}

TEST_CASE("a refresh token unused for 90 days expires (AADSTS700082)") {
  Fixture f;
  auto first = f.service.issue(f.tenant, f.password_request());
  f.stack.clock().advance(std::chrono::seconds(kRefreshTokenLifetime));
  TokenRequest r;
  r.grant_type = "refresh_token";
  r.client_id = std::string(cloud::kAzureCliClientId);
  r.refresh_token = *first.refresh_token;
  r.scope = "https://vault.azure.net/.default";
  CHECK(aad_code([&] { f.service.issue(f.tenant, r); }) == 700082);
}

TEST_CASE("the device_code grant is pending until approved, then redeems once") {
  Fixture f;
  auto org = resolve_tenant_segment(f.directory, "organizations");
  auto auth = f.devices.start(org, {std::string(cloud::kAzureCliClientId),
                                    "https://management.core.windows.net//.default offline_access openid profile",
                                    "https://login.microsoftonline.com"});
  TokenRequest r;
  r.grant_type = "urn:ietf:params:oauth:grant-type:device_code";
  r.client_id = std::string(cloud::kAzureCliClientId);
  r.device_code = auth.device_code;
  CHECK(aad_code([&] { f.service.issue(org, r); }) == 70016);
  REQUIRE(approve_device_code(f.stack.db(), f.stack.clock(), auth.user_code, ""));
  auto result = f.service.issue(org, r);
  auto claims = auth::decode_jwt_payload(result.access_token);
  CHECK(claims["aud"] == "https://management.core.windows.net/");
  CHECK(claims["upn"] == f.stack.seed().admin_user);
  CHECK(result.scope == "https://management.core.windows.net//.default");
  CHECK(result.refresh_token.has_value());
  CHECK(aad_code([&] { f.service.issue(org, r); }) == 70000);  // already redeemed
}

TEST_CASE("an unknown grant type is unsupported_grant_type (AADSTS70003)") {
  Fixture f;
  TokenRequest r;
  r.grant_type = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  CHECK(aad_code([&] { f.service.issue(f.tenant, r); }) == 70003);
}

}
