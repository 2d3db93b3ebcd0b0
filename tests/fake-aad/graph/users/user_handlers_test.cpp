// /me and /users over the whole stack: delegated vs app tokens on /me, create (verified domain,
// duplicate UPN, password sign-in), get by id and UPN, $filter the way az sends it, delete,
// and the Global Administrator rule for writes.
#include "fake-aad/graph/users/user_handlers.hpp"

#include "tests/fake-aad/graph/graph_test_support.hpp"

using namespace azemu;
using namespace azemu::testing;
using namespace azemu::testing::aad;

namespace {
std::string user_body(const std::string& upn, const std::string& password = "Str0ng-Passw0rd!") {
  return nlohmann::json{{"accountEnabled", true}, {"displayName", "Jane Doe"}, {"mailNickname", "jane"},
                        {"userPrincipalName", upn}, {"passwordProfile", {{"password", password}, {"forceChangePasswordNextSignIn", false}}}}
      .dump();
}
}  // namespace

TEST_SUITE("user_handlers") {

TEST_CASE("/me returns the signed-in user for a delegated token") {
  TestStack s;
  auto r = s.call_as(admin_user_graph_token(s), "GET", kGraph + "/me");
  REQUIRE(r.status == 200);
  auto me = r.json();
  CHECK(me["@odata.context"] == "https://graph.microsoft.com/v1.0/$metadata#users/$entity");
  CHECK(me["id"] == s.seed().admin_object_id);
  CHECK(me["userPrincipalName"] == s.seed().admin_user);
  CHECK(me["displayName"] == "azemu admin");
  CHECK(me["givenName"] == "azemu");
  CHECK(me["businessPhones"] == nlohmann::json::array());
  for (const char* k : {"jobTitle", "mobilePhone", "officeLocation", "preferredLanguage"}) CHECK(me[k].is_null());
  CHECK_FALSE(me.contains("passwordProfile"));
}

TEST_CASE("/me with an app token is Graph's 400 for non-delegated flows") {
  TestStack s;
  auto r = s.call_as(admin_sp_graph_token(s), "GET", kGraph + "/me");
  CHECK(r.status == 400);
  CHECK(r.json()["error"]["code"] == "BadRequest");
  CHECK(r.json()["error"]["message"] == "/me request is only valid with delegated authentication flow.");
}

TEST_CASE("create, get by id or UPN, filter by UPN, sign in with the password, delete") {
  TestStack s;
  auto token = admin_user_graph_token(s);
  const std::string upn = "jane@" + s.seed().tenant_domain;
  auto created = s.call_as(token, "POST", kGraph + "/users", user_body(upn));
  REQUIRE(created.status == 201);
  const std::string id = created.json()["id"];
  CHECK(created.json()["userPrincipalName"] == upn);

  CHECK(s.call_as(token, "GET", kGraph + "/users/" + id).json()["userPrincipalName"] == upn);
  CHECK(s.call_as(token, "GET", kGraph + "/users/JANE@" + s.seed().tenant_domain).json()["id"] == id);
  // keyvault/custom.py _get_object_id_by_upn, URL-encoded by _filter_to_query
  auto filtered = s.call_as(token, "GET", kGraph + "/users?$filter=userPrincipalName%20eq%20%27" + upn + "%27");
  REQUIRE(filtered.status == 200);
  REQUIRE(filtered.json()["value"].size() == 1);
  CHECK(filtered.json()["value"][0]["id"] == id);
  CHECK(s.call_as(token, "GET", kGraph + "/users").json()["value"].size() == 2);

  auto login = post_form(s, token_url(s.seed().tenant_id),
                         form({{"grant_type", "password"}, {"client_id", "04b07795-8ddb-461a-bbee-02f9e1bf7b46"},
                               {"username", upn}, {"password", "Str0ng-Passw0rd!"}, {"scope", kGraphScope}}));
  REQUIRE(login.status == 200);
  auto me = s.call_as(login.json()["access_token"], "GET", kGraph + "/me");
  CHECK(me.json()["id"] == id);

  CHECK(s.call_as(token, "DELETE", kGraph + "/users/" + upn).status == 204);
  auto gone = s.call_as(token, "GET", kGraph + "/users/" + id);
  CHECK(gone.status == 404);
  CHECK(gone.json()["error"]["code"] == "Request_ResourceNotFound");
  CHECK(gone.json()["error"]["message"] == "Resource '" + id + "' does not exist or one of its queried reference-property objects are not present.");
  CHECK(s.call_as(token, "DELETE", kGraph + "/users/" + id).status == 404);
}

TEST_CASE("UPNs outside the tenant's verified domain and duplicate UPNs are rejected") {
  TestStack s;
  auto token = admin_sp_graph_token(s);
  auto bad = s.call_as(token, "POST", kGraph + "/users", user_body("jane@contoso.com"));
  CHECK(bad.status == 400);
  CHECK(bad.json()["error"]["code"] == "Request_BadRequest");
  CHECK(bad.json()["error"]["message"].get<std::string>().find("verified domain") != std::string::npos);
  CHECK(s.call_as(token, "POST", kGraph + "/users", user_body("no-domain")).status == 400);
  auto dup = s.call_as(token, "POST", kGraph + "/users", user_body("ADMIN@" + s.seed().tenant_domain));
  CHECK(dup.status == 400);
  CHECK(dup.json()["error"]["message"] == "Another object with the same value for property userPrincipalName already exists.");
  auto missing = s.call_as(token, "POST", kGraph + "/users", R"({"accountEnabled":true,"displayName":"x","mailNickname":"x","userPrincipalName":"x@azemu.onmicrosoft.com"})");
  CHECK(missing.json()["error"]["message"] == "Property passwordProfile.password value is required but is empty or missing.");
}

TEST_CASE("only Global Administrators write users; everyone reads them") {
  TestStack s;
  auto user = plain_user_graph_token(s);
  auto denied = s.call_as(user, "POST", kGraph + "/users", user_body("x@" + s.seed().tenant_domain));
  CHECK(denied.status == 403);
  CHECK(denied.json()["error"]["code"] == "Authorization_RequestDenied");
  CHECK(s.call_as(user, "DELETE", kGraph + "/users/" + s.seed().admin_object_id).status == 403);
  CHECK(s.call_as(user, "GET", kGraph + "/users/" + s.seed().admin_object_id).status == 200);
  auto sp = plain_sp_graph_token(s);
  CHECK(s.call_as(sp, "POST", kGraph + "/users", user_body("y@" + s.seed().tenant_domain)).status == 403);
  CHECK(s.call_as(sp, "GET", kGraph + "/users").status == 200);
}

TEST_CASE("PATCH /users is an explicit 501") {
  TestStack s;
  auto r = s.call_as(admin_user_graph_token(s), "PATCH", kGraph + "/users/" + s.seed().admin_object_id, "{}");
  CHECK(r.status == 501);
  CHECK(r.json()["error"]["code"] == "AzemuNotImplemented");
}

}
