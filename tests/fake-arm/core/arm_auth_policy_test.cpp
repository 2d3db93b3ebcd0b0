#include "fake-arm/core/arm_auth_policy.hpp"

#include "tests/fake-arm/arm_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::testing;

TEST_SUITE("arm_auth_policy") {
  TEST_CASE("missing Authorization header is 401 AuthenticationFailed with a challenge") {
    ArmFixture f;
    auto r = f.stack.call("GET", f.sub_url(""));
    CHECK(r.status == 401);
    CHECK(r.json()["error"]["code"] == "AuthenticationFailed");
    CHECK(r.json()["error"]["message"] == "Authentication failed. The 'Authorization' header is missing.");
    auto challenge = r.header("www-authenticate");
    CHECK(challenge.find("Bearer authorization_uri=\"https://login.microsoftonline.com/" + f.stack.seed().tenant_id + "\"") == 0);
    CHECK(challenge.find("error=\"invalid_token\"") != std::string::npos);
    CHECK(challenge.find("missing 'Authorization' header") != std::string::npos);
  }

  TEST_CASE("a token not signed by azemu is 401 InvalidAuthenticationToken") {
    ArmFixture f;
    auto token = f.token;
    char& c = token[token.rfind('.') + 10];  // inside the signature, not its padding bits
    c = c == 'A' ? 'B' : 'A';
    auto r = f.stack.call_as(token, "GET", kArm + "/subscriptions?api-version=2019-11-01");
    CHECK(r.status == 401);
    CHECK(r.json()["error"]["code"] == "InvalidAuthenticationToken");
    CHECK_FALSE(r.header("www-authenticate").empty());
    CHECK(f.stack.call_as("not-a-jwt", "GET", kArm + "/subscriptions").json()["error"]["code"] == "InvalidAuthenticationToken");
  }

  TEST_CASE("an expired token is 401 ExpiredAuthenticationToken in ARM's time format") {
    ArmFixture f;
    auto r = f.stack.call_as(f.stack.mint({{"exp", 1'799'996'400}}), "GET", kArm + "/subscriptions");
    CHECK(r.status == 401);
    CHECK(r.json()["error"]["code"] == "ExpiredAuthenticationToken");
    // FakeClock starts at 1'800'000'000 = 1/15/2027 8:00:00 AM UTC.
    CHECK(r.json()["error"]["message"] ==
          "The access token expiry UTC time '1/15/2027 7:00:00 AM' is earlier than current UTC time '1/15/2027 8:00:00 AM'.");
  }

  TEST_CASE("a token for another audience is 401 InvalidAuthenticationTokenAudience") {
    ArmFixture f;
    auto r = f.stack.call_as(f.stack.mint({{"aud", "https://vault.azure.net"}}), "GET", kArm + "/subscriptions");
    CHECK(r.status == 401);
    CHECK(r.json()["error"]["code"] == "InvalidAuthenticationTokenAudience");
    CHECK(r.json()["error"]["message"].get<std::string>().find("'https://vault.azure.net'") != std::string::npos);
  }

  TEST_CASE("both ARM audiences are accepted") {
    ArmFixture f;
    CHECK(f.stack.call_as(f.stack.mint({{"aud", "https://management.azure.com"}}), "GET", kArm + "/subscriptions").status == 200);
    CHECK(f.stack.call_as(f.stack.mint({{"aud", "https://management.core.windows.net/"}}), "GET", kArm + "/subscriptions").status == 200);
  }

  TEST_CASE("an unknown tenant is 401 InvalidAuthenticationTokenTenant") {
    // The directory decides which tenants exist; call the policy directly so this does not depend on it.
    cloud::HostNames names;
    exec::FakeClock clock;
    auto policy = arm::arm_auth_policy(names, clock, [](std::string_view) { return std::nullopt; });
    http::Request req;
    http::parse_target(req, "https://management.azure.com/subscriptions");
    req.host = "management.azure.com";
    auth::VerifyResult v;
    v.principal.tenant_id = "99999999-0000-4000-8000-000000000000";
    v.principal.claims = {{"iss", "https://sts.windows.net/99999999-0000-4000-8000-000000000000/"}};
    AzureError e = policy->on_failure(auth::AuthFailure::wrong_tenant, v, req);
    CHECK(e.kind() == ErrorKind::Unauthorized);
    CHECK(e.code() == "InvalidAuthenticationTokenTenant");
    REQUIRE(e.headers().size() == 1);
    CHECK(e.headers()[0].second.find("login.microsoftonline.com/99999999-0000-4000-8000-000000000000") != std::string::npos);
  }

  TEST_CASE("ARM error time format") {
    CHECK(arm::arm_error_time(0) == "1/1/1970 12:00:00 AM");
    CHECK(arm::arm_error_time(1'800'000'000 + 6 * 3600) == "1/15/2027 2:00:00 PM");
  }
}
