// /applications over the whole stack: az ad sp create-for-rbac's exact sequence (az-wire §4.4)
// then client_credentials with the returned secret, removePassword / app delete stopping that,
// duplicate identifierUris with nothing created, PATCH, $select, authorization.
#include "fake-aad/graph/applications/application_handlers.hpp"

#include "tests/fake-aad/graph/graph_test_support.hpp"

using namespace azemu;
using namespace azemu::testing;
using namespace azemu::testing::aad;

namespace {
std::int64_t count(store::Database& db, const std::string& table) {
  return db.read([&](store::Connection& c) {
    auto s = c.query("SELECT count(*) FROM " + table);
    s.step();
    return s.int64(0);
  });
}
}  // namespace

TEST_SUITE("application_handlers") {

TEST_CASE("create-for-rbac sequence: the secret logs in at once on v1 and v2, and stops after removePassword") {
  TestStack s;
  auto token = admin_user_graph_token(s);
  const std::string name = "azure-cli-2027-01-15-20-00-00";
  // 1. duplicate check (URL-encoded exactly as the CLI sends it)
  auto list = s.call_as(token, "GET", kGraph + "/applications?$filter=startswith%28displayName%2C%27" + name + "%27%29");
  REQUIRE(list.status == 200);
  CHECK(list.json()["value"].empty());
  CHECK(list.json()["@odata.context"] == "https://graph.microsoft.com/v1.0/$metadata#applications");
  // 2. create
  auto app = s.call_as(token, "POST", kGraph + "/applications", nlohmann::json{{"displayName", name}, {"keyCredentials", nlohmann::json::array()}}.dump());
  REQUIRE(app.status == 201);
  auto a = app.json();
  CHECK(a["@odata.context"] == "https://graph.microsoft.com/v1.0/$metadata#applications/$entity");
  CHECK(a["passwordCredentials"] == nlohmann::json::array());
  CHECK(a["displayName"] == name);
  CHECK(a["signInAudience"] == "AzureADMyOrg");
  CHECK(a["publisherDomain"] == s.seed().tenant_domain);
  CHECK(a["identifierUris"] == nlohmann::json::array());
  CHECK(a["web"]["implicitGrantSettings"]["enableIdTokenIssuance"] == false);
  CHECK(a["createdDateTime"] == "2027-01-15T08:00:00Z");
  const std::string id = a["id"], app_id = a["appId"];
  // 4. addPassword
  auto pw = s.call_as(token, "POST", kGraph + "/applications/" + id + "/addPassword",
                      R"({"passwordCredential":{"displayName":"rbac","startDateTime":"2027-01-15T07:59:00.123456Z","endDateTime":"2028-01-15T20:00:00.000000Z"}})");
  REQUIRE(pw.status == 200);
  auto p = pw.json();
  const std::string secret = p["secretText"];
  CHECK(secret.size() == 40);
  CHECK(p["hint"] == secret.substr(0, 3));
  CHECK(p["displayName"] == "rbac");
  CHECK(p["endDateTime"] == "2028-01-15T20:00:00Z");
  CHECK(p["customKeyIdentifier"].is_null());
  // 5. service principal
  auto sp = s.call_as(token, "POST", kGraph + "/servicePrincipals", nlohmann::json{{"appId", app_id}, {"accountEnabled", true}}.dump());
  REQUIRE(sp.status == 201);

  // The secret is never returned again, and is not stored in clear.
  auto again = s.call_as(token, "GET", kGraph + "/applications/" + id).json();
  REQUIRE(again["passwordCredentials"].size() == 1);
  CHECK(again["passwordCredentials"][0]["secretText"].is_null());
  CHECK(again["passwordCredentials"][0]["keyId"] == p["keyId"]);
  CHECK(again.dump().find(secret) == std::string::npos);

  // Login works at once (the stack's FakeClock reads 2027-01-15T08:00:00Z).
  CHECK(client_credentials(s, app_id, secret).status == 200);
  CHECK(client_credentials(s, app_id, secret, true).status == 200);
  CHECK(client_credentials(s, app_id, "wrong-secret").status == 401);

  // Re-running the CLI's step 3 removes it; login stops.
  auto rm = s.call_as(token, "POST", kGraph + "/applications/" + id + "/removePassword",
                      nlohmann::json{{"keyId", p["keyId"]}}.dump());
  CHECK(rm.status == 204);
  auto denied = client_credentials(s, app_id, secret);
  CHECK(denied.status == 401);
  CHECK(denied.json()["error_codes"][0] == 7000215);
  CHECK(s.call_as(token, "POST", kGraph + "/applications/" + id + "/removePassword",
                  nlohmann::json{{"keyId", p["keyId"]}}.dump()).status == 404);
}

TEST_CASE("addPassword without dates is valid from now for two years and logs in immediately") {
  TestStack s;
  auto a = make_app_with_sp(s, "quick");
  auto v2 = client_credentials(s, a.app_id, a.secret);
  REQUIRE(v2.status == 200);
  auto claims = azemu::auth::decode_jwt_payload(v2.json()["access_token"].get<std::string>());
  CHECK(claims["oid"] == a.sp_object_id);
  CHECK(claims["appid"] == a.app_id);
  CHECK(client_credentials(s, a.app_id, a.secret, true).status == 200);
  auto app = s.call_as(admin_sp_graph_token(s), "GET", kGraph + "/applications/" + a.app_object_id).json();
  CHECK(app["passwordCredentials"][0]["endDateTime"] == "2029-01-14T08:00:00Z");
}

TEST_CASE("deleting an application deletes its service principal and secrets: login stops") {
  TestStack s;
  auto a = make_app_with_sp(s, "doomed");
  auto token = admin_user_graph_token(s);
  CHECK(s.call_as(token, "DELETE", kGraph + "/applications/" + a.app_object_id).status == 204);
  CHECK(s.call_as(token, "GET", kGraph + "/applications/" + a.app_object_id).status == 404);
  CHECK(s.call_as(token, "GET", kGraph + "/servicePrincipals/" + a.sp_object_id).status == 404);
  CHECK(count(s.db(), "aad_password_credentials WHERE app_object_id = '" + a.app_object_id + "'") == 0);
  auto r = client_credentials(s, a.app_id, a.secret);
  CHECK(r.status == 400);
  CHECK(r.json()["error_codes"][0] == 700016);
  CHECK(s.call_as(token, "DELETE", kGraph + "/applications/" + a.app_object_id).status == 404);
}

TEST_CASE("duplicate identifierUris are a 400 and nothing is created") {
  TestStack s;
  auto token = admin_user_graph_token(s);
  auto first = s.call_as(token, "POST", kGraph + "/applications",
                         R"({"displayName":"one","identifierUris":["api://shared"]})");
  REQUIRE(first.status == 201);
  auto before = count(s.db(), "aad_applications");
  auto dup = s.call_as(token, "POST", kGraph + "/applications", R"({"displayName":"two","identifierUris":["API://shared/"]})");
  CHECK(dup.status == 400);
  CHECK(dup.json()["error"]["code"] == "Request_BadRequest");
  CHECK(dup.json()["error"]["message"] == "Another object with the same value for property identifierUris already exists.");
  CHECK(dup.json()["error"]["innerError"].contains("request-id"));
  CHECK(count(s.db(), "aad_applications") == before);

  // PATCH into a taken URI fails the same way and leaves the app unchanged.
  auto second = s.call_as(token, "POST", kGraph + "/applications", R"({"displayName":"two"})").json();
  auto patch = s.call_as(token, "PATCH", kGraph + "/applications/" + second["id"].get<std::string>(),
                         R"({"identifierUris":["api://shared"],"displayName":"renamed"})");
  CHECK(patch.status == 400);
  CHECK(s.call_as(token, "GET", kGraph + "/applications/" + second["id"].get<std::string>()).json()["displayName"] == "two");
}

TEST_CASE("az ad app create's full body is stored, PATCH merges, $select projects") {
  TestStack s;
  auto token = admin_user_graph_token(s);
  auto app = s.call_as(token, "POST", kGraph + "/applications",
                       R"({"displayName":"web","identifierUris":["api://web"],"isFallbackPublicClient":false,
                           "signInAudience":"AzureADMultipleOrgs","web":{"homePageUrl":"https://x","redirectUris":["https://x/cb"],
                           "implicitGrantSettings":{"enableIdTokenIssuance":true}},"publicClient":{"redirectUris":[]},
                           "requiredResourceAccess":[],"appRoles":[],"optionalClaims":null})");
  REQUIRE(app.status == 201);
  auto a = app.json();
  CHECK(a["web"]["homePageUrl"] == "https://x");
  CHECK(a["web"]["logoutUrl"].is_null());
  CHECK(a["signInAudience"] == "AzureADMultipleOrgs");
  const std::string id = a["id"];
  CHECK(s.call_as(token, "PATCH", kGraph + "/applications/" + id, R"({"displayName":"web2","tags":["t"]})").status == 204);
  auto got = s.call_as(token, "GET", kGraph + "/applications/" + id + "?$select=displayName,tags").json();
  CHECK(got["displayName"] == "web2");
  CHECK(got["tags"] == nlohmann::json::array({"t"}));
  CHECK_FALSE(got.contains("appId"));
  CHECK(got["@odata.context"] == "https://graph.microsoft.com/v1.0/$metadata#applications/$entity");
  auto full = s.call_as(token, "GET", kGraph + "/applications/" + id).json();
  CHECK(full["identifierUris"] == nlohmann::json::array({"api://web"}));

  // An app with an identifierUri becomes a token resource.
  auto by_uri = s.call_as(token, "GET", kGraph + "/applications?$filter=identifierUris/any(s:s eq 'api://web')").json();
  REQUIRE(by_uri["value"].size() == 1);
  CHECK(by_uri["value"][0]["id"] == id);
}

TEST_CASE("bad bodies are Graph 400s") {
  TestStack s;
  auto token = admin_user_graph_token(s);
  CHECK(s.call_as(token, "POST", kGraph + "/applications", R"({"identifierUris":["api://x"]})").json()["error"]["message"] ==
        "Property displayName value is required but is empty or missing.");
  CHECK(s.call_as(token, "POST", kGraph + "/applications", R"({"displayName":"x","identifierUris":"api://x"})").status == 400);
  CHECK(s.call_as(token, "POST", kGraph + "/applications", R"({"displayName":"x","bogus":1})").json()["error"]["message"] ==
        "Property 'bogus' does not exist on type 'microsoft.graph.application'.");
  auto a = s.call_as(token, "POST", kGraph + "/applications", R"({"displayName":"x"})").json();
  const std::string id = a["id"];
  CHECK(s.call_as(token, "POST", kGraph + "/applications/" + id + "/addPassword",
                  R"({"passwordCredential":{"endDateTime":"soon"}})").status == 400);
  CHECK(s.call_as(token, "POST", kGraph + "/applications/" + id + "/addPassword",
                  R"({"passwordCredential":{"startDateTime":"2030-01-01T00:00:00Z","endDateTime":"2029-01-01T00:00:00Z"}})").status == 400);
  CHECK(s.call_as(token, "POST", kGraph + "/applications/" + id + "/removePassword", R"({})").status == 400);
  CHECK(s.call_as(token, "POST", kGraph + "/applications/00000000-0000-4000-8000-000000000000/addPassword", "{}").status == 404);
}

TEST_CASE("any user may register applications; a plain service principal may not") {
  TestStack s;
  auto user = plain_user_graph_token(s);
  auto created = s.call_as(user, "POST", kGraph + "/applications", R"({"displayName":"mine"})");
  CHECK(created.status == 201);
  auto sp = plain_sp_graph_token(s);
  auto denied = s.call_as(sp, "POST", kGraph + "/applications", R"({"displayName":"nope"})");
  CHECK(denied.status == 403);
  CHECK(denied.json()["error"]["code"] == "Authorization_RequestDenied");
  CHECK(denied.json()["error"]["message"] == "Insufficient privileges to complete the operation.");
  CHECK(s.call_as(sp, "GET", kGraph + "/applications").status == 200);  // reads are open
  CHECK(s.call_as(sp, "POST", kGraph + "/applications/" + created.json()["id"].get<std::string>() + "/addPassword", "{}").status == 403);
}

}
