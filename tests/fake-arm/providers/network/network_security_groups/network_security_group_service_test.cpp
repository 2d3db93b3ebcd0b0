#include "fake-arm/providers/network/network_security_groups/network_security_group_service.hpp"

#include "tests/fake-arm/providers/network/network_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::testing;
using nlohmann::json;

namespace {
json ssh_rule(int priority = 1000, const std::string& direction = "inbound") {
  return {{"properties",
           {{"protocol", "tcp"}, {"sourcePortRange", "*"}, {"destinationPortRange", "22"}, {"sourceAddressPrefix", "*"},
            {"destinationAddressPrefix", "*"}, {"access", "allow"}, {"priority", priority}, {"direction", direction}}}};
}
}  // namespace

TEST_SUITE("network_security_group_service") {
  TEST_CASE("an NSG has Azure's six default rules and its own rules with Azure's casing") {
    NetworkFixture f;
    json rule = ssh_rule();
    rule["name"] = "default-allow-ssh";
    auto r = f.put("networkSecurityGroups/nsg1", {{"location", "westus"}, {"properties", {{"securityRules", {rule}}}}});
    REQUIRE(r.status == 201);
    auto p = r.json()["properties"];
    REQUIRE(p["defaultSecurityRules"].size() == 6);
    std::vector<std::string> names;
    for (const auto& d : p["defaultSecurityRules"]) names.push_back(d["name"]);
    CHECK(names == std::vector<std::string>{"AllowVnetInBound", "AllowAzureLoadBalancerInBound", "DenyAllInBound",
                                            "AllowVnetOutBound", "AllowInternetOutBound", "DenyAllOutBound"});
    CHECK(p["defaultSecurityRules"][2]["properties"]["priority"] == 65500);
    CHECK(p["defaultSecurityRules"][2]["properties"]["access"] == "Deny");
    CHECK(p["defaultSecurityRules"][0]["id"] == f.id("networkSecurityGroups/nsg1/defaultSecurityRules/AllowVnetInBound"));
    auto s = p["securityRules"][0];
    CHECK(s["id"] == f.id("networkSecurityGroups/nsg1/securityRules/default-allow-ssh"));
    CHECK(s["properties"]["protocol"] == "Tcp");
    CHECK(s["properties"]["access"] == "Allow");
    CHECK(s["properties"]["direction"] == "Inbound");
    CHECK(s["properties"]["provisioningState"] == "Succeeded");
    CHECK(s["properties"]["sourcePortRanges"] == json::array());
  }

  TEST_CASE("security rules are child resources with priority rules") {
    NetworkFixture f;
    REQUIRE(f.put("networkSecurityGroups/nsg1", {{"location", "westus"}}).status == 201);
    auto created = f.put("networkSecurityGroups/nsg1/securityRules/ssh", ssh_rule());
    REQUIRE(created.status == 201);
    CHECK(created.json()["name"] == "ssh");
    CHECK(f.put("networkSecurityGroups/nsg1/securityRules/ssh", ssh_rule(1001)).status == 200);
    CHECK(f.put("networkSecurityGroups/nsg1/securityRules/out", ssh_rule(1001, "Outbound")).status == 201);
    auto conflict = f.put("networkSecurityGroups/nsg1/securityRules/web", ssh_rule(1001));
    CHECK(conflict.status == 400);
    CHECK(conflict.json()["error"]["code"] == "SecurityRuleConflict");
    CHECK(f.put("networkSecurityGroups/nsg1/securityRules/web", ssh_rule(99)).json()["error"]["code"] == "SecurityRuleInvalidPriority");
    CHECK(f.put("networkSecurityGroups/nsg1/securityRules/web", ssh_rule(4097)).json()["error"]["code"] == "SecurityRuleInvalidPriority");
    json bad = ssh_rule();
    bad["properties"]["protocol"] = "Gre";
    CHECK(f.put("networkSecurityGroups/nsg1/securityRules/web", bad).json()["error"]["code"] == "InvalidRequestFormat");
    CHECK(f.call("GET", f.net_url("networkSecurityGroups/nsg1/securityRules")).json()["value"].size() == 2);
    CHECK(f.get("networkSecurityGroups/nsg1").json()["properties"]["securityRules"].size() == 2);
    CHECK(f.del("networkSecurityGroups/nsg1/securityRules/ssh").status == 202);
    CHECK(f.get("networkSecurityGroups/nsg1/securityRules/ssh").status == 404);
  }

  TEST_CASE("an NSG used by a NIC or a subnet cannot be deleted and lists its users") {
    NetworkFixture f;
    REQUIRE(f.put("networkSecurityGroups/nsg1", {{"location", "westus"}}).status == 201);
    const std::string nsg_id = f.id("networkSecurityGroups/nsg1");
    REQUIRE(f.create_vnet("v", "10.0.0.0/16",
                          json::array({{{"name", "s"}, {"properties", {{"addressPrefix", "10.0.0.0/24"},
                                                                       {"networkSecurityGroup", {{"id", nsg_id}}}}}}}))
                .status == 201);
    REQUIRE(f.create_nic("nic1", f.id("virtualNetworks/v/subnets/s"), json::object(),
                         {{"networkSecurityGroup", {{"id", nsg_id}}}}).status == 201);
    auto p = f.get("networkSecurityGroups/nsg1").json()["properties"];
    CHECK(p["networkInterfaces"][0]["id"] == f.id("networkInterfaces/nic1"));
    CHECK(p["subnets"][0]["id"] == f.id("virtualNetworks/v/subnets/s"));
    auto del = f.del("networkSecurityGroups/nsg1");
    CHECK(del.status == 400);
    CHECK(del.json()["error"]["code"] == "InUseNetworkSecurityGroupCannotBeDeleted");
    REQUIRE(f.del("networkInterfaces/nic1").status == 202);
    REQUIRE(f.del("virtualNetworks/v").status == 202);
    CHECK(f.del("networkSecurityGroups/nsg1").status == 202);
  }

  TEST_CASE("a subnet may only name an NSG that exists in its region") {
    NetworkFixture f;
    auto r = f.create_vnet("v", "10.0.0.0/16",
                           json::array({{{"name", "s"}, {"properties", {{"addressPrefix", "10.0.0.0/24"},
                                                                        {"networkSecurityGroup", {{"id", f.id("networkSecurityGroups/none")}}}}}}}));
    CHECK(r.status == 400);
    CHECK(r.json()["error"]["code"] == "InvalidResourceReference");
  }
}
