// Device code flow end to end over HTTP (v2, v1 and ADFS devicecode endpoints, polling the token
// endpoint) and the DeviceCodeService state machine: approval by UPN or default user, expiry
// through the fake clock, user-code normalisation.
#include "fake-aad/token/device_code_service.hpp"

#include "fake-aad/mount.hpp"
#include "tests/fake-aad/aad_test_support.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::testing::aad;
using azemu::testing::TestStack;

namespace {
const std::string kCli = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

nlohmann::json start(TestStack& stack, const std::string& url, const std::string& body) {
  auto r = post_form(stack, url, body);
  REQUIRE(r.status == 200);
  return r.json();
}

azemu::testing::Response poll(TestStack& stack, const std::string& device_code) {
  return post_form(stack, token_url("organizations"),
                   form({{"grant_type", "urn:ietf:params:oauth:grant-type:device_code"}, {"client_id", kCli},
                         {"device_code", device_code}, {"code", device_code}, {"client_info", "1"}}));
}
}  // namespace

TEST_SUITE("device_code_service") {

TEST_CASE("v2 device code: pending, approve_device_code, then tokens") {
  TestStack stack;
  auto dc = start(stack, "https://login.microsoftonline.com/organizations/oauth2/v2.0/devicecode",
                  form({{"client_id", kCli},
                        {"scope", "https://management.core.windows.net//.default offline_access openid profile"}}));
  CHECK(dc["expires_in"] == 900);
  CHECK(dc["interval"] == 1);
  CHECK(dc["verification_uri"] == "https://login.microsoftonline.com/devicelogin");
  std::string user_code = dc["user_code"];
  CHECK(user_code.size() == 9);
  CHECK(dc["message"].get<std::string>().find(user_code) != std::string::npos);
  CHECK(dc["message"].get<std::string>().find("azemu approve " + user_code) != std::string::npos);

  auto pending = poll(stack, dc["device_code"]);
  CHECK(pending.status == 400);
  CHECK(pending.json()["error"] == "authorization_pending");
  CHECK(pending.json()["error_codes"] == nlohmann::json::array({70016}));

  REQUIRE(aad::approve_device_code(stack.db(), stack.clock(), user_code, stack.seed().admin_user));
  auto ok = poll(stack, dc["device_code"]);
  REQUIRE(ok.status == 200);
  CHECK(ok.json()["scope"] == "https://management.core.windows.net//.default");
  CHECK(ok.json().contains("id_token"));
  CHECK(ok.json().contains("client_info"));
  auto v = verify(stack, ok.json()["access_token"], "https://management.core.windows.net/");
  REQUIRE(v.ok);
  CHECK(v.principal.upn == stack.seed().admin_user);
}

TEST_CASE("an unapproved device code expires after 900 seconds") {
  TestStack stack;
  auto dc = start(stack, "https://login.azemu.localhost:8443/adfs/oauth2/devicecode",
                  form({{"client_id", kCli}, {"scope", "https://management.core.windows.net//.default"}}));
  CHECK(dc["verification_uri"] == "https://login.azemu.localhost:8443/devicelogin");
  stack.clock().advance(std::chrono::seconds(900));
  CHECK_FALSE(aad::approve_device_code(stack.db(), stack.clock(), dc["user_code"], ""));
  auto r = poll(stack, dc["device_code"]);
  CHECK(r.status == 400);
  CHECK(r.json()["error"] == "expired_token");
  CHECK(r.json()["error_codes"] == nlohmann::json::array({70020}));
}

TEST_CASE("v1 devicecode takes resource= and answers strings with verification_url") {
  TestStack stack;
  auto dc = start(stack, "https://login.microsoftonline.com/" + stack.seed().tenant_id + "/oauth2/devicecode",
                  form({{"client_id", kCli}, {"resource", "https://vault.azure.net"}}));
  CHECK(dc["expires_in"] == "900");
  CHECK(dc["interval"] == "1");
  CHECK(dc.contains("verification_url"));
  REQUIRE(aad::approve_device_code(stack.db(), stack.clock(), dc["user_code"], ""));
  auto r = post_form(stack, "https://login.microsoftonline.com/" + stack.seed().tenant_id + "/oauth2/token",
                     form({{"grant_type", "device_code"}, {"client_id", kCli}, {"code", dc["device_code"]},
                           {"resource", "https://vault.azure.net"}}));
  REQUIRE(r.status == 200);
  CHECK(r.json()["resource"] == "https://vault.azure.net");
}

TEST_CASE("devicecode for an unknown client is AADSTS700016") {
  TestStack stack;
  auto r = post_form(stack, "https://login.microsoftonline.com/organizations/oauth2/v2.0/devicecode",
                     form({{"client_id", "77777777-0000-4000-8000-000000000007"}, {"scope", "openid"}}));
  CHECK(r.status == 400);
  CHECK(r.json()["error_codes"] == nlohmann::json::array({700016}));
}

TEST_CASE("approval: unknown code or user is refused, codes compare loosely, second approval is refused") {
  TestStack stack;
  aad::DirectoryStore directory(stack.db());
  aad::DeviceCodeStore codes(stack.db());
  aad::DeviceCodeService service(directory, codes, stack.clock());
  auto tenant = aad::resolve_tenant_segment(directory, "organizations");
  auto auth = service.start(tenant, {kCli, "openid", "https://login.microsoftonline.com"});
  CHECK_FALSE(service.approve("NOSUCHCOD", ""));
  CHECK_FALSE(service.approve(auth.user_code, "ghost@azemu.onmicrosoft.com"));
  std::string loose = auth.user_code.substr(0, 4) + "-" + auth.user_code.substr(4);
  for (auto& c : loose) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  CHECK(service.approve(loose, ""));
  CHECK_FALSE(service.approve(auth.user_code, ""));
  CHECK(aad::normalize_user_code(" ab-cd ") == "ABCD");
}

}
