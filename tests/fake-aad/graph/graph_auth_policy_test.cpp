// Graph token verification answers: 401 InvalidAuthenticationToken with Graph's messages and
// challenge for missing, wrong-audience and expired tokens; unknown Graph segments.
#include "fake-aad/graph/graph_auth_policy.hpp"

#include "tests/fake-aad/graph/graph_test_support.hpp"

using namespace azemu;
using namespace azemu::testing;
using namespace azemu::testing::aad;

namespace {
const std::string kChallenge =
    "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", "
    "client_id=\"00000003-0000-0000-c000-000000000000\"";

void check_401(const Response& r, const std::string& message) {
  CHECK(r.status == 401);
  CHECK(r.json()["error"]["code"] == "InvalidAuthenticationToken");
  CHECK(r.json()["error"]["message"] == message);
  CHECK(r.json()["error"]["innerError"].contains("date"));
  CHECK(r.header("www-authenticate") == kChallenge);
}
}  // namespace

TEST_SUITE("graph_auth_policy") {

TEST_CASE("no token: 'Access token is empty.'") {
  TestStack s;
  check_401(s.call("GET", kGraph + "/me"), "Access token is empty.");
}

TEST_CASE("an ARM token is the wrong audience for Graph") {
  TestStack s;
  check_401(s.call_as(s.sp_token(), "GET", kGraph + "/users"), "Access token validation failure. Invalid audience.");
}

TEST_CASE("an expired Graph token fails lifetime validation") {
  TestStack s;
  auto token = admin_sp_graph_token(s);
  s.clock().advance(std::chrono::hours(3));
  check_401(s.call_as(token, "GET", kGraph + "/users"), "Lifetime validation failed, the token is expired.");
}

TEST_CASE("both Graph audience spellings are accepted") {
  TestStack s;
  CHECK(s.call_as(s.user_token("https://graph.microsoft.com//.default"), "GET", kGraph + "/me").status == 200);
  CHECK(s.call_as(s.mint({{"aud", "00000003-0000-0000-c000-000000000000"}}), "GET", kGraph + "/users").status == 200);
}

TEST_CASE("unknown segments are Graph's 400, unknown methods 405") {
  TestStack s;
  auto r = s.call_as(admin_sp_graph_token(s), "GET", kGraph + "/frobnicators");
  CHECK(r.status == 400);
  CHECK(r.json()["error"]["message"] == "Resource not found for the segment 'frobnicators'.");
  CHECK(s.call_as(admin_sp_graph_token(s), "PUT", kGraph + "/users").status == 405);
}

}
