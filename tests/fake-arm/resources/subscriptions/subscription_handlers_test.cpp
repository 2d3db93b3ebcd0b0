#include "fake-arm/resources/subscriptions/subscription_handlers.hpp"

#include "tests/fake-arm/arm_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu::testing;

TEST_SUITE("subscription_handlers") {
  TEST_CASE("GET /subscriptions lists the seeded subscription with the fields az reads") {
    ArmFixture f;
    auto r = f.call("GET", kArm + "/subscriptions?api-version=2019-11-01");
    REQUIRE(r.status == 200);
    auto j = r.json();
    REQUIRE(j["value"].size() == 1);
    auto s = j["value"][0];
    CHECK(s["id"] == "/subscriptions/" + f.sub);
    CHECK(s["subscriptionId"] == f.sub);
    CHECK(s["tenantId"] == f.stack.seed().tenant_id);
    CHECK(s["displayName"] == f.stack.seed().subscription_name);
    CHECK(s["state"] == "Enabled");
    CHECK(s["authorizationSource"] == "RoleBased");
    CHECK(s["managedByTenants"].is_array());
    CHECK(s["subscriptionPolicies"]["quotaId"] == "PayAsYouGo_2014-09-01");
    CHECK(j["count"]["value"] == 1);
  }

  TEST_CASE("a caller from another tenant sees no subscriptions and gets 404 for ours") {
    ArmFixture f;
    auto other = f.stack.mint({{"tid", "44444444-0000-4000-8000-000000000000"}});
    auto list = f.stack.call_as(other, "GET", kArm + "/subscriptions");
    // With the real directory the unknown tenant is already refused at the door (401).
    if (list.status == 200) {
      CHECK(list.json()["value"].empty());
      auto r = f.stack.call_as(other, "GET", f.sub_url(""));
      CHECK(r.status == 404);
      CHECK(r.json()["error"]["code"] == "SubscriptionNotFound");
    } else {
      CHECK(list.status == 401);
    }
  }

  TEST_CASE("GET /subscriptions/{id}: found, unknown, malformed") {
    ArmFixture f;
    auto ok = f.call("GET", f.sub_url(""));
    CHECK(ok.status == 200);
    CHECK(ok.json()["subscriptionId"] == f.sub);
    auto missing = f.call("GET", kArm + "/subscriptions/55555555-0000-4000-8000-000000000000?api-version=2022-12-01");
    CHECK(missing.status == 404);
    CHECK(missing.json()["error"]["code"] == "SubscriptionNotFound");
    CHECK(missing.json()["error"]["message"] == "The subscription '55555555-0000-4000-8000-000000000000' could not be found.");
    auto bad = f.call("GET", kArm + "/subscriptions/not-a-guid?api-version=2022-12-01");
    CHECK(bad.status == 400);
    CHECK(bad.json()["error"]["code"] == "InvalidSubscriptionId");
  }

  TEST_CASE("GET /tenants lists the caller's tenant") {
    ArmFixture f;
    auto r = f.call("GET", kArm + "/tenants?api-version=2019-11-01");
    REQUIRE(r.status == 200);
    auto v = r.json()["value"];
    REQUIRE(v.size() == 1);
    CHECK(v[0]["tenantId"] == f.stack.seed().tenant_id);
    CHECK(v[0]["id"] == "/tenants/" + f.stack.seed().tenant_id);
    CHECK(v[0]["tenantCategory"] == "Home");
  }

  TEST_CASE("GET /subscriptions/{id}/locations lists regions with metadata") {
    ArmFixture f;
    auto r = f.call("GET", f.sub_url("/locations", "2022-12-01"));
    REQUIRE(r.status == 200);
    bool found = false;
    const auto body = r.json();  // keep the parsed body alive for the loop
    for (const auto& l : body["value"]) {
      if (l["name"] != "westus") continue;
      found = true;
      CHECK(l["id"] == "/subscriptions/" + f.sub + "/locations/westus");
      CHECK(l["displayName"] == "West US");
      CHECK(l["regionalDisplayName"] == "(US) West US");
      CHECK(l["metadata"]["pairedRegion"][0]["name"] == "eastus");
    }
    CHECK(found);
  }
}
