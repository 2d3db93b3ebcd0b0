// $top/$skiptoken paging with @odata.nextLink followed as GraphClient._send does, $select on
// lists, bad $top/$skiptoken, and the Graph host in cloud mode.
#include "fake-aad/graph/odata/odata_query.hpp"

#include "tests/fake-aad/graph/graph_test_support.hpp"

#include <algorithm>

using namespace azemu;
using namespace azemu::testing;
using namespace azemu::testing::aad;

TEST_SUITE("odata_query") {

TEST_CASE("nextLink pages through every match exactly once, keeping $filter and $select") {
  TestStack s;
  auto token = admin_user_graph_token(s);
  for (int i = 0; i < 5; ++i)
    REQUIRE(s.call_as(token, "POST", kGraph + "/applications", nlohmann::json{{"displayName", "page-" + std::to_string(i)}}.dump()).status == 201);
  std::string url = kGraph + "/applications?$filter=" + text::percent_encode("startswith(displayName,'page-')") +
                    "&$top=2&$select=displayName,id";
  std::vector<std::string> names;
  int pages = 0;
  while (true) {
    auto r = s.call_as(token, "GET", url);
    REQUIRE(r.status == 200);
    auto j = r.json();
    ++pages;
    CHECK(j["value"].size() <= 2);
    CHECK(j["@odata.context"] == "https://graph.microsoft.com/v1.0/$metadata#applications(displayName,id)");
    for (auto& v : j["value"]) {
      CHECK(v.size() == 2);
      names.push_back(v["displayName"]);
    }
    if (!j.contains("@odata.nextLink")) break;
    url = j["@odata.nextLink"];
    CHECK(url.rfind("https://graph.microsoft.com/v1.0/applications?", 0) == 0);
  }
  CHECK(pages == 3);
  std::sort(names.begin(), names.end());  // same createdDateTime: order among them is by object id
  CHECK(names == std::vector<std::string>{"page-0", "page-1", "page-2", "page-3", "page-4"});
}

TEST_CASE("without $top a page holds 100 and says nothing more when everything fits") {
  TestStack s;
  auto r = s.call_as(admin_user_graph_token(s), "GET", kGraph + "/users");
  CHECK_FALSE(r.json().contains("@odata.nextLink"));
}

TEST_CASE("bad $top and $skiptoken are 400") {
  TestStack s;
  auto token = admin_user_graph_token(s);
  for (std::string q : {"$top=0", "$top=1000", "$top=x", "$skiptoken=garbage"}) {
    CAPTURE(q);
    auto r = s.call_as(token, "GET", kGraph + "/users?" + q);
    CHECK(r.status == 400);
    CHECK(r.json()["error"]["code"] == "Request_BadRequest");
  }
}

TEST_CASE("the cloud-mode Graph host serves the same routes and names itself in links") {
  TestStack s;
  auto token = s.sp_token("https://graph.azemu.localhost/.default");
  auto r = s.call_as(token, "GET", "https://graph.azemu.localhost:8443/v1.0/servicePrincipals?$top=1");
  REQUIRE(r.status == 200);
  CHECK(r.json()["@odata.context"] == "https://graph.azemu.localhost:8443/v1.0/$metadata#servicePrincipals");
}

}
