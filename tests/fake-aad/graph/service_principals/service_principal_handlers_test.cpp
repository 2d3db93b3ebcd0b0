// /servicePrincipals over the whole stack: create from appId (and the errors az retries on or
// stops at), the lookups az sends (servicePrincipalNames/any, displayName eq, startswith, appId),
// get by object id, delete stopping client_credentials, authorization.
#include "fake-aad/graph/service_principals/service_principal_handlers.hpp"

#include "tests/fake-aad/graph/graph_test_support.hpp"

using namespace azemu;
using namespace azemu::testing;
using namespace azemu::testing::aad;

TEST_SUITE("service_principal_handlers") {

TEST_CASE("a created SP carries Graph's fields; servicePrincipalNames = appId + identifierUris") {
  TestStack s;
  auto token = admin_user_graph_token(s);
  auto app = s.call_as(token, "POST", kGraph + "/applications", R"({"displayName":"named","identifierUris":["api://named"]})").json();
  auto sp = s.call_as(token, "POST", kGraph + "/servicePrincipals", nlohmann::json{{"appId", app["appId"]}, {"accountEnabled", true}}.dump());
  REQUIRE(sp.status == 201);
  auto j = sp.json();
  CHECK(j["@odata.context"] == "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals/$entity");
  CHECK(j["appId"] == app["appId"]);
  CHECK(j["displayName"] == "named");
  CHECK(j["appDisplayName"] == "named");
  CHECK(j["servicePrincipalType"] == "Application");
  CHECK(j["appOwnerOrganizationId"] == s.seed().tenant_id);
  CHECK(j["accountEnabled"] == true);
  CHECK(j["servicePrincipalNames"] == nlohmann::json::array({app["appId"], "api://named"}));
  CHECK(j["passwordCredentials"] == nlohmann::json::array());
  CHECK(j["keyCredentials"] == nlohmann::json::array());
  CHECK(j["signInAudience"] == "AzureADMyOrg");
}

TEST_CASE("creating an SP for an unknown appId says ' does not reference '; a second SP is a 409") {
  TestStack s;
  auto token = admin_user_graph_token(s);
  auto none = s.call_as(token, "POST", kGraph + "/servicePrincipals", R"({"appId":"99999999-0000-4000-8000-000000000009"})");
  CHECK(none.status == 400);
  CHECK(none.json()["error"]["message"].get<std::string>().find(" does not reference ") != std::string::npos);
  auto dup = s.call_as(token, "POST", kGraph + "/servicePrincipals", nlohmann::json{{"appId", s.seed().client_id}}.dump());
  CHECK(dup.status == 409);
  CHECK(dup.json()["error"]["code"] == "Request_MultipleObjectsWithSameKeyValue");
  CHECK(s.call_as(token, "POST", kGraph + "/servicePrincipals", R"({"accountEnabled":true})").status == 400);
}

TEST_CASE("the filters az sends find service principals") {
  TestStack s;
  auto token = admin_sp_graph_token(s);
  auto a = make_app_with_sp(s, "finder");
  auto one = [&](const std::string& filter) {
    auto r = s.call_as(token, "GET", kGraph + "/servicePrincipals?$filter=" + text::percent_encode(filter));
    REQUIRE(r.status == 200);
    return r.json()["value"];
  };
  // keyvault set-policy --spn / keyvault create as SP (az-wire §4.3, §4.6)
  auto by_spn = one("servicePrincipalNames/any(c:c eq '" + a.app_id + "')");
  REQUIRE(by_spn.size() == 1);
  CHECK(by_spn[0]["id"] == a.sp_object_id);
  CHECK(one("displayName eq 'finder'").size() == 1);            // create-for-rbac --name
  CHECK(one("startswith(displayName,'find')").size() == 1);     // az ad sp list --display-name
  CHECK(one("appId eq '" + a.app_id + "'").size() == 1);
  CHECK(one("servicePrincipalNames/any(c:c eq 'nothing')").empty());
  CHECK(s.call_as(token, "GET", kGraph + "/servicePrincipals").json()["value"].size() == 2);
  CHECK(s.call_as(token, "GET", kGraph + "/servicePrincipals/" + a.sp_object_id).json()["appId"] == a.app_id);
  auto bad = s.call_as(token, "GET", kGraph + "/servicePrincipals?$filter=" + text::percent_encode("displayName eq"));
  CHECK(bad.status == 400);
  CHECK(bad.json()["error"]["message"].get<std::string>().rfind("Invalid filter clause", 0) == 0);
  auto unsupported = s.call_as(token, "GET", kGraph + "/servicePrincipals?$filter=" + text::percent_encode("homepage eq 'x'"));
  CHECK(unsupported.status == 400);
  CHECK(unsupported.json()["error"]["code"] == "Request_UnsupportedQuery");
}

TEST_CASE("deleting the SP stops client_credentials; the application remains") {
  TestStack s;
  auto a = make_app_with_sp(s, "sp-delete");
  auto token = admin_user_graph_token(s);
  REQUIRE(client_credentials(s, a.app_id, a.secret).status == 200);
  CHECK(s.call_as(token, "DELETE", kGraph + "/servicePrincipals/" + a.sp_object_id).status == 204);
  CHECK(s.call_as(token, "GET", kGraph + "/servicePrincipals/" + a.sp_object_id).status == 404);
  // The application stays, so Entra names the missing principal: 401 invalid_client AADSTS7000229 on v2 and v1.
  auto v2 = client_credentials(s, a.app_id, a.secret);
  CHECK(v2.status == 401);
  CHECK(v2.json()["error_codes"][0] == 7000229);
  CHECK(client_credentials(s, a.app_id, a.secret, true).status == 401);
  CHECK(s.call_as(token, "GET", kGraph + "/applications/" + a.app_object_id).status == 200);
  CHECK(s.call_as(token, "DELETE", kGraph + "/servicePrincipals/" + a.sp_object_id).status == 404);
}

TEST_CASE("a plain service principal cannot create or delete service principals") {
  TestStack s;
  auto sp = plain_sp_graph_token(s);
  CHECK(s.call_as(sp, "POST", kGraph + "/servicePrincipals", nlohmann::json{{"appId", s.seed().client_id}}.dump()).status == 403);
  CHECK(s.call_as(sp, "DELETE", kGraph + "/servicePrincipals/" + s.seed().client_object_id).status == 403);
  CHECK(s.call_as(sp, "GET", kGraph + "/servicePrincipals/" + s.seed().client_object_id).status == 200);
}

}
