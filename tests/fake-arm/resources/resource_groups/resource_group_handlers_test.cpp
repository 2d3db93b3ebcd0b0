#include "fake-arm/resources/resource_groups/resource_group_handlers.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/core/resource_store.hpp"
#include "tests/fake-arm/arm_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::arm;
using namespace azemu::testing;

TEST_SUITE("resource_group_handlers") {
  TEST_CASE("PUT creates (201) with a normalised location, then updates (200)") {
    ArmFixture f;
    auto r = f.create_group("myResourceGroup", R"({"location":"WestUS"})");
    CHECK(r.status == 201);
    auto j = r.json();
    CHECK(j["id"] == "/subscriptions/" + f.sub + "/resourceGroups/myResourceGroup");
    CHECK(j["name"] == "myResourceGroup");
    CHECK(j["type"] == "Microsoft.Resources/resourceGroups");
    CHECK(j["location"] == "westus");
    CHECK(j["tags"] == nlohmann::json::object());
    CHECK(j["properties"]["provisioningState"] == "Succeeded");
    CHECK_FALSE(j.contains("managedBy"));

    auto again = f.call("PUT", f.sub_url("/resourceGroups/MYRESOURCEGROUP"),
                        R"({"location":"West US","tags":{"env":"dev"},"managedBy":"/subscriptions/x"})");
    CHECK(again.status == 200);
    CHECK(again.json()["name"] == "myResourceGroup");  // original casing kept
    CHECK(again.json()["tags"]["env"] == "dev");
    CHECK(again.json()["managedBy"] == "/subscriptions/x");
  }

  TEST_CASE("PUT errors") {
    ArmFixture f;
    SUBCASE("location missing") {
      auto r = f.create_group("rg1", R"({})");
      CHECK(r.status == 400);
      CHECK(r.json()["error"]["code"] == "LocationRequired");
    }
    SUBCASE("unknown location") {
      auto r = f.create_group("rg1", R"({"location":"moon"})");
      CHECK(r.status == 400);
      CHECK(r.json()["error"]["code"] == "LocationNotAvailableForResourceGroup");
      CHECK(r.json()["error"]["message"].get<std::string>().find("The provided location 'moon' is not available") == 0);
    }
    SUBCASE("existing group in another location") {
      f.create_group("rg1");
      auto r = f.create_group("rg1", R"({"location":"eastus"})");
      CHECK(r.status == 409);
      CHECK(r.json()["error"]["code"] == "InvalidResourceGroupLocation");
      CHECK(r.json()["error"]["message"] ==
            "Invalid resource group location 'eastus'. The Resource group already exists in location 'westus'.");
    }
    SUBCASE("invalid names") {
      for (const std::string& bad : std::vector<std::string>{"ends.", "has space", "a*b", std::string(91, 'a')}) {
        CAPTURE(bad);
        auto r = f.create_group(text::percent_encode(bad));
        CHECK(r.status == 400);
        CHECK(r.json()["error"]["code"] == "InvalidResourceGroup");
      }
      CHECK(f.create_group("ok-name_(1).x").status == 201);
    }
    SUBCASE("malformed JSON and wrong types") {
      auto r = f.create_group("rg1", R"({"location":)");
      CHECK(r.status == 400);
      CHECK(r.json()["error"]["code"] == "InvalidRequestContent");
      CHECK(f.create_group("rg1", R"({"location":5})").json()["error"]["code"] == "InvalidRequestContent");
      CHECK(f.create_group("rg1", R"([1])").json()["error"]["code"] == "InvalidRequestContent");
    }
    SUBCASE("invalid tags") {
      auto r = f.create_group("rg1", R"({"location":"westus","tags":{"a/b":"x"}})");
      CHECK(r.status == 400);
      CHECK(r.json()["error"]["code"] == "InvalidTagNameCharacters");
    }
  }

  TEST_CASE("GET, HEAD and 404s, with resourcegroups and resourceGroups alike") {
    ArmFixture f;
    f.create_group("rg1");
    CHECK(f.call("GET", f.sub_url("/resourcegroups/RG1")).json()["name"] == "rg1");
    CHECK(f.call("GET", f.sub_url("/resourceGroups/rg1")).status == 200);
    CHECK(f.call("HEAD", f.sub_url("/resourcegroups/rg1")).status == 204);
    auto head_missing = f.call("HEAD", f.sub_url("/resourcegroups/nope"));
    CHECK(head_missing.status == 404);
    CHECK(head_missing.body.empty());
    auto missing = f.call("GET", f.sub_url("/resourcegroups/nope"));
    CHECK(missing.status == 404);
    CHECK(missing.json()["error"]["code"] == "ResourceGroupNotFound");
    CHECK(missing.json()["error"]["message"] == "Resource group 'nope' could not be found.");
  }

  TEST_CASE("PATCH replaces tags and managedBy, keeps the rest") {
    ArmFixture f;
    f.create_group("rg1", R"({"location":"westus","tags":{"a":"1"},"managedBy":"m"})");
    auto r = f.call("PATCH", f.sub_url("/resourcegroups/rg1"), R"({"tags":{"b":"2"}})");
    CHECK(r.status == 200);
    CHECK(r.json()["tags"] == nlohmann::json{{"b", "2"}});
    CHECK(r.json()["managedBy"] == "m");
    CHECK(r.json()["location"] == "westus");
    auto cleared = f.call("PATCH", f.sub_url("/resourcegroups/rg1"), R"({"managedBy":null})");
    CHECK_FALSE(cleared.json().contains("managedBy"));
    CHECK(f.call("PATCH", f.sub_url("/resourcegroups/nope"), "{}").status == 404);
  }

  TEST_CASE("list filters by tag and pages with nextLink") {
    ArmFixture f;
    f.create_group("a", R"({"location":"westus","tags":{"env":"prod"}})");
    f.create_group("b", R"({"location":"westus","tags":{"env":"dev"}})");
    f.create_group("c", R"({"location":"westus","tags":{"ENV":"prod"}})");
    auto tagged = f.call("GET", f.sub_url("/resourcegroups?%24filter=tagName%20eq%20%27env%27%20and%20tagValue%20eq%20%27prod%27"));
    REQUIRE(tagged.status == 200);
    CHECK(tagged.json()["value"].size() == 2);

    auto p1 = f.call("GET", f.sub_url("/resourcegroups?$top=2")).json();
    CHECK(p1["value"].size() == 2);
    REQUIRE(p1.contains("nextLink"));
    std::string next = p1["nextLink"];
    CHECK(next.find("https://management.azure.com/subscriptions/" + f.sub + "/resourcegroups?") == 0);
    auto p2 = f.call("GET", next).json();
    REQUIRE(p2["value"].size() == 1);
    CHECK(p2["value"][0]["name"] == "c");
    CHECK_FALSE(p2.contains("nextLink"));

    CHECK(f.call("GET", f.sub_url("/resourcegroups?$filter=resourceType eq 'x'")).json()["error"]["code"] ==
          "InvalidFilterInQueryString");
    CHECK(f.call("GET", f.sub_url("/resourcegroups?$top=abc")).status == 400);
  }

  TEST_CASE("DELETE removes the group and its resources at once and answers with a pollable Location") {
    ArmFixture f;
    f.create_group("doomed");
    f.create_group("kept");
    ResourceStore rs;
    auto vault = [&](const std::string& rg, const std::string& name) {
      auto id = ResourceId::resource(f.sub, rg, "Microsoft.KeyVault", "vaults", name);
      return StoredResource{id, "Microsoft.KeyVault/vaults", "westus", {}, {{"id", id.str()}}, 1, 1};
    };
    f.stack.db().write([&](store::Connection& c) {
      rs.put(c, vault("doomed", "kv1"));
      rs.put(c, vault("doomed", "kv2"));
      rs.put(c, vault("kept", "kv3"));
    });

    auto del = f.call("DELETE", f.sub_url("/resourcegroups/Doomed"));
    CHECK(del.status == 202);
    CHECK(del.header("retry-after") == "1");
    std::string location = del.header("location");
    CHECK(location.find("https://management.azure.com/subscriptions/" + f.sub + "/operationresults/") == 0);
    CHECK(location.find("api-version=2021-04-01") != std::string::npos);

    // Committed before the 202: nothing of the group is left.
    CHECK(f.call("HEAD", f.sub_url("/resourcegroups/doomed")).status == 404);
    CHECK(f.stack.db().read([&](store::Connection& c) { return rs.list_by_group(c, f.sub, "doomed").size(); }) == 0);
    CHECK(f.stack.db().read([&](store::Connection& c) { return rs.list_by_group(c, f.sub, "kept").size(); }) == 1);

    auto poll = f.call("GET", location);
    CHECK(poll.status == 200);
    CHECK(poll.body.empty());

    auto again = f.call("DELETE", f.sub_url("/resourcegroups/doomed"));
    CHECK(again.status == 404);
    CHECK(again.json()["error"]["code"] == "ResourceGroupNotFound");
  }

  TEST_CASE("groups of an unknown subscription are SubscriptionNotFound") {
    ArmFixture f;
    auto r = f.stack.call_as(f.token, "PUT", kArm + "/subscriptions/66666666-0000-4000-8000-000000000000/resourcegroups/rg?api-version=2021-04-01",
                             R"({"location":"westus"})");
    CHECK(r.status == 404);
    CHECK(r.json()["error"]["code"] == "SubscriptionNotFound");
  }
}
