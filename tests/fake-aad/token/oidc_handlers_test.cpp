// Discovery routes through the real pipeline: OpenID configurations for each tenant form and
// host, JWKS, instance discovery (both api-versions), user realm, and the login-host 404.
#include "fake-aad/token/oidc_handlers.hpp"

#include "tests/fake-aad/aad_test_support.hpp"

#include <doctest/doctest.h>

using azemu::testing::TestStack;

TEST_SUITE("oidc_handlers") {

TEST_CASE("v2 OpenID configuration for the tenant id points every endpoint at the request host") {
  TestStack stack;
  const std::string tid = stack.seed().tenant_id;
  auto r = stack.call("GET", "https://login.microsoftonline.com/" + tid + "/v2.0/.well-known/openid-configuration");
  REQUIRE(r.status == 200);
  auto doc = r.json();
  const std::string base = "https://login.microsoftonline.com/" + tid;
  CHECK(doc["token_endpoint"] == base + "/oauth2/v2.0/token");
  CHECK(doc["authorization_endpoint"] == base + "/oauth2/v2.0/authorize");
  CHECK(doc["device_authorization_endpoint"] == base + "/oauth2/v2.0/devicecode");
  CHECK(doc["jwks_uri"] == base + "/discovery/v2.0/keys");
  CHECK(doc["issuer"] == base + "/v2.0");
  CHECK(doc["msgraph_host"] == "graph.microsoft.com");
}

TEST_CASE("cloud-mode host with a port is used as is, and the tenant domain resolves to the tenant id") {
  TestStack stack;
  const std::string tid = stack.seed().tenant_id;
  auto r = stack.call("GET", "https://login.azemu.localhost:8443/" + stack.seed().tenant_domain +
                                 "/v2.0/.well-known/openid-configuration");
  REQUIRE(r.status == 200);
  auto doc = r.json();
  CHECK(doc["token_endpoint"] == "https://login.azemu.localhost:8443/" + tid + "/oauth2/v2.0/token");
  CHECK(doc["msgraph_host"] == "graph.azemu.localhost:8443");
}

TEST_CASE("organizations keeps its name in the URLs and a {tenantid} issuer") {
  TestStack stack;
  auto doc = stack.call("GET", "https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration").json();
  CHECK(doc["token_endpoint"] == "https://login.microsoftonline.com/organizations/oauth2/v2.0/token");
  CHECK(doc["issuer"] == "https://login.microsoftonline.com/{tenantid}/v2.0");
}

TEST_CASE("v1 OpenID configuration uses the v1 token endpoint and sts.windows.net issuer") {
  TestStack stack;
  const std::string tid = stack.seed().tenant_id;
  auto doc = stack.call("GET", "https://login.microsoftonline.com/" + tid + "/.well-known/openid-configuration").json();
  CHECK(doc["token_endpoint"] == "https://login.microsoftonline.com/" + tid + "/oauth2/token");
  CHECK(doc["issuer"] == "https://sts.windows.net/" + tid + "/");
}

TEST_CASE("ADFS OpenID configuration on a cloud host with a port") {
  TestStack stack;
  auto r = stack.call("GET", "https://login.azemu.localhost:8443/adfs/.well-known/openid-configuration");
  REQUIRE(r.status == 200);
  auto doc = r.json();
  CHECK(doc["issuer"] == "https://login.azemu.localhost:8443/adfs");
  CHECK(doc["token_endpoint"] == "https://login.azemu.localhost:8443/adfs/oauth2/token");
  CHECK(doc["authorization_endpoint"] == "https://login.azemu.localhost:8443/adfs/oauth2/authorize");
  CHECK(doc["device_authorization_endpoint"] == "https://login.azemu.localhost:8443/adfs/oauth2/devicecode");
  CHECK(doc["jwks_uri"] == "https://login.azemu.localhost:8443/adfs/discovery/keys");
}

TEST_CASE("OpenID configuration for an unknown tenant is invalid_tenant AADSTS90002") {
  TestStack stack;
  auto r = stack.call("GET", "https://login.microsoftonline.com/contoso.com/v2.0/.well-known/openid-configuration");
  CHECK(r.status == 400);
  auto body = r.json();
  CHECK(body["error"] == "invalid_tenant");
  CHECK(body["error_codes"] == nlohmann::json::array({90002}));
  CHECK(body["error_description"].get<std::string>().find("contoso.com") != std::string::npos);
}

TEST_CASE("every JWKS route publishes the signing key's kid") {
  TestStack stack;
  for (std::string path : std::vector<std::string>{"/common/discovery/keys", "/organizations/discovery/v2.0/keys", "/adfs/discovery/keys",
                           "/" + stack.seed().tenant_id + "/discovery/keys"}) {
    CAPTURE(path);
    auto r = stack.call("GET", "https://login.microsoftonline.com" + path);
    REQUIRE(r.status == 200);
    auto keys = r.json()["keys"];
    REQUIRE(keys.size() == 1);
    CHECK(keys[0]["kid"] == stack.signing_key().kid());
    CHECK(keys[0]["kty"] == "RSA");
  }
}

TEST_CASE("instance discovery 1.0 points at the custom authority's tenant configuration") {
  TestStack stack;
  auto r = stack.call("GET",
                      "https://login.microsoftonline.com/common/discovery/instance?authorization_endpoint="
                      "https%3A%2F%2Flogin.azemu.localhost%3A8443%2Forganizations%2Foauth2%2Fv2.0%2Fauthorize&api-version=1.0");
  REQUIRE(r.status == 200);
  auto body = r.json();
  CHECK(body["tenant_discovery_endpoint"] ==
        "https://login.azemu.localhost:8443/organizations/v2.0/.well-known/openid-configuration");
  bool has_custom_group = false;
  for (auto& g : body["metadata"]) has_custom_group |= g["aliases"] == nlohmann::json::array({"login.azemu.localhost"});
  CHECK(has_custom_group);
}

TEST_CASE("instance discovery 1.1 lists the public-cloud aliases") {
  TestStack stack;
  auto r = stack.call("GET", "https://login.microsoftonline.com/common/discovery/instance?api-version=1.1"
                             "&authorization_endpoint=https://login.microsoftonline.com/common/oauth2/authorize");
  REQUIRE(r.status == 200);
  auto body = r.json();
  CHECK(body["tenant_discovery_endpoint"] == "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration");
  auto aliases = body["metadata"][0]["aliases"];
  CHECK(std::find(aliases.begin(), aliases.end(), "login.microsoftonline.com") != aliases.end());
  CHECK(std::find(aliases.begin(), aliases.end(), "login.windows.net") != aliases.end());
}

TEST_CASE("user realm is Managed for directory users and Unknown otherwise") {
  TestStack stack;
  auto r = stack.call("GET", "https://login.microsoftonline.com/common/userrealm/" + stack.seed().admin_user + "?api-version=1.0");
  REQUIRE(r.status == 200);
  auto body = r.json();
  CHECK(body["account_type"] == "Managed");
  CHECK(body["ver"] == "1.0");
  CHECK(body["domain_name"] == "azemu.onmicrosoft.com");
  CHECK(body["cloud_instance_name"] == "microsoftonline.com");
  CHECK(body["cloud_audience_urn"] == "urn:federation:MicrosoftOnline");
  auto other = stack.call("GET", "https://login.microsoftonline.com/common/userrealm/bob@example.org?api-version=1.0").json();
  CHECK(other["account_type"] == "Unknown");
}

TEST_CASE("unknown paths on a login host answer 404 in Entra's error shape") {
  TestStack stack;
  auto r = stack.call("GET", "https://login.microsoftonline.com/no/such/endpoint/here");
  CHECK(r.status == 404);
  CHECK(r.json()["error"] == "not_found");
}

TEST_CASE("interactive authorize is an explicit 501") {
  TestStack stack;
  auto r = stack.call("GET", "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?client_id=x");
  CHECK(r.status == 501);
  CHECK(r.json()["error"] == "AzemuNotImplemented");
}

}
