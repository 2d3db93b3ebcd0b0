#include "fake-arm/resources/tags/tags_handlers.hpp"

#include "tests/fake-arm/arm_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::testing;

namespace {
constexpr const char* kTags = "/providers/Microsoft.Resources/tags/default";
}  // namespace

TEST_SUITE("tags_handlers") {
  TEST_CASE("a resource's tags: PUT, PATCH Merge/Delete/Replace, GET, DELETE; the resource's own GET shows them") {
    ArmFixture f;
    f.create_group("rg1");
    const std::string vnet = "/resourcegroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet1";
    REQUIRE(f.call("PUT", f.sub_url(vnet, "2024-05-01"),
                   R"({"location":"westus","tags":{"old":"1"},"properties":{"addressSpace":{"addressPrefixes":["10.0.0.0/16"]}}})")
                .status < 300);

    auto put = f.call("PUT", f.sub_url(vnet + kTags), R"({"properties":{"tags":{"env":"prod","team":"a"}}})");
    REQUIRE(put.status == 200);
    CHECK(put.json()["id"] == "/subscriptions/" + f.sub +
                                  "/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet1" + kTags);
    CHECK(put.json()["type"] == "Microsoft.Resources/tags");
    CHECK(put.json()["properties"]["tags"] == nlohmann::json{{"env", "prod"}, {"team", "a"}});
    CHECK(f.call("GET", f.sub_url(vnet, "2024-05-01")).json()["tags"] == nlohmann::json{{"env", "prod"}, {"team", "a"}});

    auto merged = f.call("PATCH", f.sub_url(vnet + kTags), R"({"operation":"Merge","properties":{"tags":{"team":"b","x":"y"}}})");
    CHECK(merged.json()["properties"]["tags"] == nlohmann::json{{"env", "prod"}, {"team", "b"}, {"x", "y"}});
    auto deleted = f.call("PATCH", f.sub_url(vnet + kTags), R"({"operation":"Delete","properties":{"tags":{"x":""}}})");
    CHECK(deleted.json()["properties"]["tags"] == nlohmann::json{{"env", "prod"}, {"team", "b"}});
    auto replaced = f.call("PATCH", f.sub_url(vnet + kTags), R"({"operation":"Replace","properties":{"tags":{"only":"1"}}})");
    CHECK(replaced.json()["properties"]["tags"] == nlohmann::json{{"only", "1"}});
    CHECK(f.call("GET", f.sub_url(vnet + kTags)).json()["properties"]["tags"] == nlohmann::json{{"only", "1"}});
    // The generic list filters on the indexed tags.
    auto listed = f.call("GET", f.sub_url("/resources?$filter=tagName eq 'only'")).json()["value"];
    REQUIRE(listed.size() == 1);
    CHECK(listed[0]["name"] == "vnet1");

    auto del = f.call("DELETE", f.sub_url(vnet + kTags));
    CHECK(del.status == 200);
    CHECK(f.call("GET", f.sub_url(vnet, "2024-05-01")).json()["tags"] == nlohmann::json::object());
  }

  TEST_CASE("a group's tags go through the group") {
    ArmFixture f;
    f.create_group("rg1", R"({"location":"westus","tags":{"a":"1"}})");
    auto r = f.call("PATCH", f.sub_url("/resourcegroups/rg1" + std::string(kTags)),
                    R"({"operation":"Merge","properties":{"tags":{"b":"2"}}})");
    REQUIRE(r.status == 200);
    CHECK(r.json()["properties"]["tags"] == nlohmann::json{{"a", "1"}, {"b", "2"}});
    CHECK(f.call("GET", f.sub_url("/resourcegroups/rg1")).json()["tags"] == nlohmann::json{{"a", "1"}, {"b", "2"}});
  }

  TEST_CASE("errors: missing resource or group, unknown namespace, bad body, subscription scope") {
    ArmFixture f;
    f.create_group("rg1");
    auto missing = f.call("GET", f.sub_url("/resourcegroups/rg1/providers/Microsoft.Network/virtualNetworks/nope" + std::string(kTags)));
    CHECK(missing.status == 404);
    CHECK(missing.json()["error"]["code"] == "ResourceNotFound");
    CHECK(f.call("GET", f.sub_url("/resourcegroups/nogroup" + std::string(kTags))).json()["error"]["code"] ==
          "ResourceGroupNotFound");
    CHECK(f.call("PUT", f.sub_url("/resourcegroups/rg1/providers/Contoso.Widgets/widgets/w1" + std::string(kTags)),
                 R"({"properties":{"tags":{}}})").json()["error"]["code"] == "InvalidResourceNamespace");
    CHECK(f.call("PATCH", f.sub_url("/resourcegroups/rg1" + std::string(kTags)), R"({"operation":"Upsert","properties":{"tags":{}}})")
              .json()["error"]["code"] == "InvalidRequestContent");
    auto sub = f.call("GET", f.sub_url(kTags));
    CHECK(sub.status == 501);
    CHECK(sub.json()["error"]["code"] == "AzemuNotImplemented");
  }
}
