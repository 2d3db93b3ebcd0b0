// POST /directoryObjects/getByIds: users and service principals with @odata.type, order kept,
// unknown ids skipped, types honoured, bad bodies rejected.
#include "fake-aad/graph/directory_objects/directory_object_handlers.hpp"

#include "tests/fake-aad/graph/graph_test_support.hpp"

using namespace azemu;
using namespace azemu::testing;
using namespace azemu::testing::aad;

TEST_SUITE("directory_object_handlers") {

TEST_CASE("getByIds returns typed objects in the order asked and skips unknown ids") {
  TestStack s;
  auto token = admin_user_graph_token(s);
  // The body az role assignment create sends (_get_object_stubs)
  nlohmann::json body = {{"ids", {s.seed().client_object_id, "99999999-0000-4000-8000-000000000009", s.seed().admin_object_id}},
                         {"types", {"user", "group", "servicePrincipal", "directoryObjectPartnerReference"}}};
  auto r = s.call_as(token, "POST", kGraph + "/directoryObjects/getByIds", body.dump());
  REQUIRE(r.status == 200);
  auto v = r.json()["value"];
  REQUIRE(v.size() == 2);
  CHECK(v[0]["@odata.type"] == "#microsoft.graph.servicePrincipal");
  CHECK(v[0]["id"] == s.seed().client_object_id);
  CHECK(v[1]["@odata.type"] == "#microsoft.graph.user");
  CHECK(v[1]["userPrincipalName"] == s.seed().admin_user);
  CHECK(r.json()["@odata.context"] == "https://graph.microsoft.com/v1.0/$metadata#directoryObjects");
}

TEST_CASE("types restrict the result; without types applications are found too") {
  TestStack s;
  auto token = admin_user_graph_token(s);
  auto only_users = s.call_as(token, "POST", kGraph + "/directoryObjects/getByIds",
                              nlohmann::json{{"ids", {s.seed().client_object_id}}, {"types", {"user"}}}.dump());
  CHECK(only_users.json()["value"].empty());
  auto groups = s.call_as(token, "POST", kGraph + "/directoryObjects/getByIds",
                          nlohmann::json{{"ids", {s.seed().admin_object_id}}, {"types", {"group"}}}.dump());
  CHECK(groups.json()["value"].empty());
  auto any = s.call_as(token, "POST", kGraph + "/directoryObjects/getByIds",
                       nlohmann::json{{"ids", {s.seed().client_app_object_id}}}.dump());
  REQUIRE(any.json()["value"].size() == 1);
  CHECK(any.json()["value"][0]["@odata.type"] == "#microsoft.graph.application");
}

TEST_CASE("bad getByIds bodies are 400") {
  TestStack s;
  auto token = admin_user_graph_token(s);
  CHECK(s.call_as(token, "POST", kGraph + "/directoryObjects/getByIds", "{}").status == 400);
  CHECK(s.call_as(token, "POST", kGraph + "/directoryObjects/getByIds", R"({"ids":"x"})").status == 400);
  CHECK(s.call_as(token, "POST", kGraph + "/directoryObjects/getByIds", R"({"ids":["x"],"types":["spaceship"]})").status == 400);
}

}
