#include "fake-arm/deployments/template/unique_string.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm::tmpl;

TEST_SUITE("unique_string") {
  TEST_CASE("uniqueString is 13 characters of ARM's base32 alphabet and deterministic") {
    std::string a = unique_string("/subscriptions/x/resourceGroups/rg");
    CHECK(a.size() == 13);
    CHECK(a.find_first_not_of("abcdefghijklmnopqrstuvwxyz234567") == std::string::npos);
    CHECK(unique_string("/subscriptions/x/resourceGroups/rg") == a);
    CHECK(unique_string("/subscriptions/x/resourceGroups/RG") != a);  // case-sensitive, as ARM
  }

  TEST_CASE("uniqueString matches a value produced by real ARM") {
    // Observed: microsoft/commercial-marketplace-offer-deploy test/UnitTests/ArmFunctionsTests.cs pins
    // this value "created from ARM template" output for this id.
    CHECK(unique_string("/subscriptions/31e9f9a0-9fd2-4294-a0a3-0101246d9700/resourceGroups/rg-modm201-20230913120256/"
                        "providers/Microsoft.Compute/virtualMachines/bobjacmodm201") == "yvjxno3je5on2");
  }

  TEST_CASE("guid is a version 5 UUID in ARM's namespace") {
    std::string g = arm_guid("a-b");
    CHECK(g.size() == 36);
    CHECK(g[14] == '5');
    CHECK((g[19] == '8' || g[19] == '9' || g[19] == 'a' || g[19] == 'b'));
    CHECK(arm_guid("a-b") == g);
    CHECK(arm_guid("a-c") != g);
  }
}
