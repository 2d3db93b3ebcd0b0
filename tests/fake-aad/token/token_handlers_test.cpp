// Token endpoints through the real pipeline: each grant's wire shape and claims (signature checked
// against the stack's key), v1 string-valued fields, the ADFS-style endpoint, and every error's
// status, error and error_codes as Entra sends them.
#include "fake-aad/token/token_handlers.hpp"

#include "tests/fake-aad/aad_test_support.hpp"

#include <doctest/doctest.h>

using azemu::testing::TestStack;
using namespace azemu::testing::aad;

namespace {
void check_error(const azemu::testing::Response& r, int status, const char* error, int code) {
  CAPTURE(r.body);
  CHECK(r.status == status);
  auto body = r.json();
  CHECK(body["error"] == error);
  CHECK(body["error_codes"] == nlohmann::json::array({code}));
  CHECK(body["error_description"].get<std::string>().rfind("AADSTS" + std::to_string(code) + ": ", 0) == 0);
}
}  // namespace

TEST_SUITE("token_handlers") {

TEST_CASE("client_credentials returns a signed app token for ARM with Entra's claims") {
  TestStack stack;
  const auto& s = stack.seed();
  auto r = post_form(stack, token_url(s.tenant_id), client_credentials_body(s, "https://management.core.windows.net//.default"));
  REQUIRE(r.status == 200);
  auto body = r.json();
  CHECK(body["token_type"] == "Bearer");
  CHECK(body["expires_in"] == 3599);
  CHECK(body["ext_expires_in"] == 3599);
  CHECK(body["scope"] == "https://management.core.windows.net//.default");
  CHECK_FALSE(body.contains("refresh_token"));
  CHECK_FALSE(body.contains("id_token"));
  CHECK(r.header("cache-control").find("no-store") != std::string::npos);

  auto v = verify(stack, body["access_token"], "https://management.core.windows.net/");
  REQUIRE(v.ok);
  auto c = v.principal.claims;
  CHECK(c["aud"] == "https://management.core.windows.net/");
  CHECK(c["iss"] == "https://sts.windows.net/" + s.tenant_id + "/");
  CHECK(c["tid"] == s.tenant_id);
  CHECK(c["oid"] == s.client_object_id);
  CHECK(c["sub"] == s.client_object_id);
  CHECK(c["appid"] == s.client_id);
  CHECK(c["appidacr"] == "1");
  CHECK(c["idtyp"] == "app");
  CHECK(c["ver"] == "1.0");
  CHECK(c["exp"] == stack.clock().now_unix() + 3599);
  CHECK(c["nbf"] == stack.clock().now_unix());
  CHECK(c.contains("uti"));
  CHECK_FALSE(c.contains("roles"));
  CHECK_FALSE(c.contains("scp"));
}

TEST_CASE("the TestStack helpers get tokens from the real endpoint") {
  TestStack stack;
  CHECK(verify(stack, stack.sp_token(), "https://management.core.windows.net/").ok);
  auto user = verify(stack, stack.user_token(), "https://management.core.windows.net/");
  REQUIRE(user.ok);
  CHECK(user.principal.kind == azemu::auth::PrincipalKind::user);
}

TEST_CASE("password grant returns user access token, id token, refresh token and client_info") {
  TestStack stack;
  const auto& s = stack.seed();
  auto r = post_form(stack, token_url("organizations"), password_body(s));
  REQUIRE(r.status == 200);
  auto body = r.json();
  CHECK(body["scope"] == "https://management.core.windows.net//.default");
  CHECK(body["refresh_token"].get<std::string>().size() > 20);

  auto at = verify(stack, body["access_token"], "https://management.core.windows.net/");
  REQUIRE(at.ok);
  auto c = at.principal.claims;
  CHECK(c["idtyp"] == "user");
  CHECK(c["upn"] == s.admin_user);
  CHECK(c["unique_name"] == s.admin_user);
  CHECK(c["name"] == "azemu admin");
  CHECK(c["oid"] == s.admin_object_id);
  CHECK(c["appid"] == "04b07795-8ddb-461a-bbee-02f9e1bf7b46");
  CHECK(c["appidacr"] == "0");
  CHECK(c["scp"] == "user_impersonation");
  CHECK(c["amr"] == nlohmann::json::array({"pwd"}));

  auto id = verify(stack, body["id_token"], "04b07795-8ddb-461a-bbee-02f9e1bf7b46");
  REQUIRE(id.ok);
  CHECK(id.principal.claims["iss"] == "https://login.microsoftonline.com/" + s.tenant_id + "/v2.0");
  CHECK(id.principal.claims["preferred_username"] == s.admin_user);
  CHECK(id.principal.claims["tid"] == s.tenant_id);
  CHECK(id.principal.claims["ver"] == "2.0");

  auto info = nlohmann::json::parse(azemu::text::base64_decode(body["client_info"].get<std::string>()));
  CHECK(info == nlohmann::json{{"uid", s.admin_object_id}, {"utid", s.tenant_id}});
}

TEST_CASE("client_info is only returned when requested") {
  TestStack stack;
  auto body = form({{"grant_type", "password"}, {"client_id", "04b07795-8ddb-461a-bbee-02f9e1bf7b46"},
                    {"username", stack.seed().admin_user}, {"password", stack.seed().admin_password},
                    {"scope", "https://graph.microsoft.com/.default"}});
  auto r = post_form(stack, token_url("organizations"), body);
  REQUIRE(r.status == 200);
  CHECK_FALSE(r.json().contains("client_info"));
}

TEST_CASE("scopes map to their resource: Graph permission, vault, cloud-mode hosts with ports") {
  TestStack stack;
  const auto& s = stack.seed();
  struct Case { std::string scope, aud; };
  for (const Case& k : {Case{"https://graph.microsoft.com/User.Read openid", "https://graph.microsoft.com"},
                        Case{"https://vault.azure.net/.default", "https://vault.azure.net"},
                        Case{"https://vault.azemu.localhost:8443/.default", "https://vault.azemu.localhost:8443"},
                        Case{"https://management.azemu.localhost:8443//.default", "https://management.azemu.localhost:8443/"},
                        Case{"https://graph.azemu.localhost//.default", "https://graph.azemu.localhost/"}}) {
    CAPTURE(k.scope);
    auto r = post_form(stack, token_url(s.tenant_id), password_body(s, k.scope));
    REQUIRE(r.status == 200);
    CHECK(r.json()["scope"] == k.scope.substr(0, k.scope.find(" openid")));
    CHECK(azemu::auth::decode_jwt_payload(r.json()["access_token"].get<std::string>())["aud"] == k.aud);
  }
}

TEST_CASE("v1 endpoint takes resource= and answers numbers as strings") {
  TestStack stack;
  const auto& s = stack.seed();
  auto r = post_form(stack, "https://login.microsoftonline.com/" + s.tenant_id + "/oauth2/token",
                     form({{"grant_type", "client_credentials"}, {"client_id", s.client_id},
                           {"client_secret", s.client_secret}, {"resource", "https://vault.azure.net"}}));
  REQUIRE(r.status == 200);
  auto body = r.json();
  CHECK(body["expires_in"] == "3599");
  CHECK(body["ext_expires_in"] == "3599");
  CHECK(body["expires_on"] == std::to_string(stack.clock().now_unix() + 3599));
  CHECK(body["not_before"] == std::to_string(stack.clock().now_unix()));
  CHECK(body["resource"] == "https://vault.azure.net");
  CHECK(verify(stack, body["access_token"], "https://vault.azure.net").ok);
}

TEST_CASE("v1 password grant reports user_impersonation and a refresh token") {
  TestStack stack;
  const auto& s = stack.seed();
  auto r = post_form(stack, "https://login.microsoftonline.com/" + s.tenant_id + "/oauth2/token",
                     form({{"grant_type", "password"}, {"client_id", "04b07795-8ddb-461a-bbee-02f9e1bf7b46"},
                           {"username", s.admin_user}, {"password", s.admin_password},
                           {"resource", "https://management.core.windows.net/"}}));
  REQUIRE(r.status == 200);
  CHECK(r.json()["scope"] == "user_impersonation");
  CHECK(r.json()["expires_in"].is_string());
  CHECK(r.json().contains("refresh_token"));
}

TEST_CASE("ADFS-style token endpoint serves the default tenant") {
  TestStack stack;
  const auto& s = stack.seed();
  auto r = post_form(stack, "https://login.azemu.localhost:8443/adfs/oauth2/token", password_body(s));
  REQUIRE(r.status == 200);
  CHECK(r.json()["expires_in"] == 3599);
  auto at = verify(stack, r.json()["access_token"], "https://management.core.windows.net/");
  REQUIRE(at.ok);
  CHECK(at.principal.tenant_id == s.tenant_id);
}

TEST_CASE("the tenant may be named by its domain") {
  TestStack stack;
  auto r = post_form(stack, token_url(stack.seed().tenant_domain),
                     client_credentials_body(stack.seed(), "https://graph.microsoft.com/.default"));
  CHECK(r.status == 200);
}

TEST_CASE("token endpoint errors as Entra sends them") {
  TestStack stack;
  const auto& s = stack.seed();
  const std::string url = token_url(s.tenant_id);
  const std::string arm = "https://management.core.windows.net//.default";

  SUBCASE("wrong client secret") {
    auto r = post_form(stack, url, form({{"grant_type", "client_credentials"}, {"client_id", s.client_id},
                                         {"client_secret", "wrong"}, {"scope", arm}}));
    check_error(r, 401, "invalid_client", 7000215);
  }
  SUBCASE("missing client secret") {
    auto r = post_form(stack, url, form({{"grant_type", "client_credentials"}, {"client_id", s.client_id}, {"scope", arm}}));
    check_error(r, 401, "invalid_client", 7000218);
  }
  SUBCASE("unknown application") {
    auto r = post_form(stack, url, form({{"grant_type", "client_credentials"},
                                         {"client_id", "99999999-0000-4000-8000-000000000009"},
                                         {"client_secret", "x"}, {"scope", arm}}));
    check_error(r, 400, "unauthorized_client", 700016);
    CHECK(r.json()["error_description"].get<std::string>().find(
              "Application with identifier '99999999-0000-4000-8000-000000000009' was not found in the directory") !=
          std::string::npos);
  }
  SUBCASE("unknown user") {
    auto r = post_form(stack, url, form({{"grant_type", "password"}, {"client_id", "04b07795-8ddb-461a-bbee-02f9e1bf7b46"},
                                         {"username", "nobody@azemu.onmicrosoft.com"}, {"password", "x"}, {"scope", arm}}));
    check_error(r, 400, "invalid_grant", 50034);
  }
  SUBCASE("wrong password") {
    auto r = post_form(stack, url, form({{"grant_type", "password"}, {"client_id", "04b07795-8ddb-461a-bbee-02f9e1bf7b46"},
                                         {"username", s.admin_user}, {"password", "wrong"}, {"scope", arm}}));
    check_error(r, 400, "invalid_grant", 50126);
    CHECK(r.json()["error_description"].get<std::string>().find("\r\nTrace ID: ") != std::string::npos);
    CHECK(r.json()["error_description"].get<std::string>().rfind("AADSTS50126: Error validating credentials due to invalid username or password.", 0) == 0);
  }
  SUBCASE("unknown tenant") {
    auto r = post_form(stack, token_url("3f2504e0-4f89-41d3-9a0c-0305e82c3301"), client_credentials_body(s, arm));
    check_error(r, 400, "invalid_request", 90002);
  }
  SUBCASE("consumers is not a tenant azemu serves") {
    check_error(post_form(stack, token_url("consumers"), client_credentials_body(s, arm)), 400, "invalid_request", 90002);
  }
  SUBCASE("missing grant_type") {
    auto r = post_form(stack, url, form({{"client_id", s.client_id}}));
    check_error(r, 400, "invalid_request", 900144);
    CHECK(r.json()["error_description"].get<std::string>().rfind("AADSTS900144: The request body must contain the following parameter: 'grant_type'.", 0) == 0);
  }
  SUBCASE("missing scope on v2") {
    auto r = post_form(stack, url, form({{"grant_type", "client_credentials"}, {"client_id", s.client_id},
                                         {"client_secret", s.client_secret}}));
    check_error(r, 400, "invalid_request", 900144);
  }
  SUBCASE("unsupported grant type") {
    auto r = post_form(stack, url, form({{"grant_type", "authorization_code"}, {"client_id", s.client_id}}));
    check_error(r, 400, "unsupported_grant_type", 70003);
  }
  SUBCASE("unknown resource") {
    auto r = post_form(stack, url, client_credentials_body(s, "https://storage.example.org/.default"));
    check_error(r, 400, "invalid_resource", 500011);
    CHECK(r.json()["error_description"].get<std::string>().find(
              "The resource principal named https://storage.example.org was not found in the tenant named") !=
          std::string::npos);
  }
  SUBCASE("two resources in one request") {
    auto r = post_form(stack, url, client_credentials_body(s, arm + " https://graph.microsoft.com/.default"));
    check_error(r, 400, "invalid_scope", 28000);
  }
  SUBCASE("client credentials without /.default") {
    auto r = post_form(stack, url, client_credentials_body(s, "https://graph.microsoft.com/User.Read"));
    check_error(r, 400, "invalid_scope", 1002012);
  }
  SUBCASE("public client id unknown to the directory") {
    auto r = post_form(stack, url, form({{"grant_type", "password"}, {"client_id", "88888888-0000-4000-8000-000000000008"},
                                         {"username", s.admin_user}, {"password", s.admin_password}, {"scope", arm}}));
    check_error(r, 400, "unauthorized_client", 700016);
  }
  SUBCASE("malformed refresh token") {
    auto r = post_form(stack, url, form({{"grant_type", "refresh_token"}, {"client_id", "04b07795-8ddb-461a-bbee-02f9e1bf7b46"},
                                         {"refresh_token", "garbage"}, {"scope", arm}}));
    check_error(r, 400, "invalid_grant", 9002313);
  }
}

TEST_CASE("refresh token rotation: a new token for another resource, and the old one stays valid as in Entra") {
  TestStack stack;
  const auto& s = stack.seed();
  auto first = post_form(stack, token_url("organizations"), password_body(s)).json();
  std::string rt1 = first["refresh_token"];
  auto refresh = [&](const std::string& rt) {
    return post_form(stack, token_url(s.tenant_id),
                     form({{"grant_type", "refresh_token"}, {"client_id", "04b07795-8ddb-461a-bbee-02f9e1bf7b46"},
                           {"refresh_token", rt}, {"client_info", "1"},
                           {"scope", "https://graph.microsoft.com//.default offline_access openid profile"}}));
  };
  auto second = refresh(rt1);
  REQUIRE(second.status == 200);
  std::string rt2 = second.json()["refresh_token"];
  CHECK(rt2 != rt1);
  CHECK(second.json()["scope"] == "https://graph.microsoft.com//.default");
  auto at = verify(stack, second.json()["access_token"], "https://graph.microsoft.com/");
  REQUIRE(at.ok);
  CHECK(at.principal.upn == s.admin_user);

  CHECK(refresh(rt1).status == 200);
  CHECK(refresh(rt2).status == 200);
  check_error(refresh("azemu-rt." + std::string(64, '0')), 400, "invalid_grant", 70000);
}

}
