#include "fake-arm/mount.hpp"

#include "tests/fake-arm/arm_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu::testing;

TEST_SUITE("mount") {
  TEST_CASE("an unknown management path is an ARM-dialect 404") {
    ArmFixture f;
    auto r = f.call("GET", kArm + "/nothing/here?api-version=1");
    CHECK(r.status == 404);
    CHECK(r.json()["error"]["code"] == "NotFound");
  }

  TEST_CASE("literal segments match in any case and any api-version is accepted") {
    ArmFixture f;
    CHECK(f.call("GET", kArm + "/SUBSCRIPTIONS/" + f.sub + "/LOCATIONS?api-version=1999-01-01").status == 200);
    CHECK(f.call("GET", kArm + "/subscriptions/" + f.sub + "/resourcegroups").status == 200);
  }

  TEST_CASE("ARM is reachable by path on localhost") {
    ArmFixture f;
    CHECK(f.call("GET", "https://localhost:8443/subscriptions?api-version=2019-11-01").status == 200);
  }

  TEST_CASE("the route table names the ARM operations") {
    ArmFixture f;
    auto table = f.stack.router().table();
    for (const char* op : {"Tenants_List", "Subscriptions_List", "Providers_Register", "ResourceGroups_CreateOrUpdate",
                           "ResourceGroups_CheckExistence", "Resources_List", "AzemuOperationStatus_Get",
                           "RoleAssignments_Create", "RoleAssignments_ListForScope", "RoleDefinitions_GetById"})
      CHECK(table.find(op) != std::string::npos);
  }
}
