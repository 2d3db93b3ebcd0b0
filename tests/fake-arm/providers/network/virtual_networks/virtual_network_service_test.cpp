#include "fake-arm/providers/network/virtual_networks/virtual_network_service.hpp"

#include "tests/fake-arm/providers/network/network_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::testing;
using nlohmann::json;

TEST_SUITE("virtual_network_service") {
  TEST_CASE("PUT creates a VNet with Azure's shape, async headers of a finished operation, and embedded subnets") {
    NetworkFixture f;
    auto r = f.create_vnet("vnet1");
    REQUIRE(r.status == 201);
    CHECK(r.header("retry-after") == "1");
    const std::string async = r.header("azure-asyncoperation");
    REQUIRE(async.find("/providers/Microsoft.Network/locations/westus/operations/") != std::string::npos);
    auto status = f.call("GET", async);
    CHECK(status.status == 200);
    CHECK(status.json()["status"] == "Succeeded");

    auto j = r.json();
    CHECK(j["id"] == f.id("virtualNetworks/vnet1"));
    CHECK(j["type"] == "Microsoft.Network/virtualNetworks");
    CHECK(j["location"] == "westus");
    CHECK(j["etag"].get<std::string>().rfind("W/\"", 0) == 0);
    CHECK(j["properties"]["provisioningState"] == "Succeeded");
    CHECK(j["properties"]["resourceGuid"].get<std::string>().size() == 36);
    CHECK(j["properties"]["addressSpace"]["addressPrefixes"] == json{"10.0.0.0/16"});
    CHECK(j["properties"]["dhcpOptions"]["dnsServers"] == json::array());
    CHECK(j["properties"]["enableDdosProtection"] == false);
    auto s = j["properties"]["subnets"][0];
    CHECK(s["id"] == f.id("virtualNetworks/vnet1/subnets/default"));
    CHECK(s["type"] == "Microsoft.Network/virtualNetworks/subnets");
    CHECK(s["etag"] == j["etag"]);
    CHECK(s["properties"]["addressPrefix"] == "10.0.0.0/24");
    CHECK(s["properties"]["provisioningState"] == "Succeeded");
    CHECK(s["properties"]["privateEndpointNetworkPolicies"] == "Disabled");

    auto again = f.create_vnet("VNET1");
    CHECK(again.status == 200);
    CHECK(again.json()["name"] == "vnet1");
    CHECK(again.json()["properties"]["resourceGuid"] == j["properties"]["resourceGuid"]);
    CHECK(again.json()["etag"] != j["etag"]);
  }

  TEST_CASE("GET, list per group and per subscription, PATCH tags, DELETE with polling") {
    NetworkFixture f;
    f.create_group("other");
    REQUIRE(f.create_vnet("a").status == 201);
    REQUIRE(f.put("virtualNetworks/b", {{"location", "westus"}, {"properties", {{"addressSpace", {{"addressPrefixes", {"10.1.0.0/16"}}}}}}},
                  "other").status == 201);
    CHECK(f.get("virtualNetworks/a").json()["name"] == "a");
    CHECK(f.call("GET", f.net_url("virtualNetworks")).json()["value"].size() == 1);
    auto all = f.call("GET", f.sub_url("/providers/Microsoft.Network/virtualNetworks", "2022-01-01"));
    CHECK(all.json()["value"].size() == 2);

    auto tagged = f.call("PATCH", f.net_url("virtualNetworks/a"), R"({"tags":{"env":"dev"}})");
    CHECK(tagged.status == 200);
    CHECK(tagged.json()["tags"]["env"] == "dev");
    CHECK(f.get("virtualNetworks/a").json()["properties"]["subnets"].size() == 1);

    auto d = f.del("virtualNetworks/a");
    CHECK(d.status == 202);
    CHECK_FALSE(d.header("location").empty());
    CHECK(f.call("GET", d.header("location")).status == 204);
    auto gone = f.get("virtualNetworks/a");
    CHECK(gone.status == 404);
    CHECK(gone.json()["error"]["code"] == "ResourceNotFound");
    CHECK(f.del("virtualNetworks/a").status == 204);
    CHECK(f.get("virtualNetworks/a", "nogroup").json()["error"]["code"] == "ResourceGroupNotFound");
  }

  TEST_CASE("address prefixes: CIDR format, host bits, subnets inside the space and not overlapping") {
    NetworkFixture f;
    auto code = [](const Response& r) { return r.json()["error"]["code"].get<std::string>(); };
    CHECK(code(f.create_vnet("v", "10.0.0/16")) == "InvalidAddressPrefixFormat");
    CHECK(code(f.create_vnet("v", "10.0.0.1/16")) == "InvalidCIDRNotation");
    CHECK(code(f.create_vnet("v", "10.0.0.0/16", json::array({{{"name", "s"}, {"properties", {{"addressPrefix", "10.1.0.0/24"}}}}}))) ==
          "NetcfgSubnetRangeOutsideVnet");
    auto overlap = f.create_vnet("v", "10.0.0.0/16",
                                 json::array({{{"name", "s1"}, {"properties", {{"addressPrefix", "10.0.0.0/24"}}}},
                                              {{"name", "s2"}, {"properties", {{"addressPrefix", "10.0.0.128/25"}}}}}));
    CHECK(overlap.status == 400);
    CHECK(code(overlap) == "NetcfgSubnetRangesOverlap");
    CHECK(code(f.create_vnet("v", "10.0.0.0/16",
                             json::array({{{"name", "s1"}, {"properties", {{"addressPrefix", "10.0.0.0/24"}}}},
                                          {{"name", "S1"}, {"properties", {{"addressPrefix", "10.0.1.0/24"}}}}}))) ==
          "DuplicateResourceName");
    CHECK(code(f.create_vnet("bad name!")) == "InvalidResourceName");
    CHECK(code(f.create_vnet(std::string(81, 'a'))) == "InvalidResourceName");
    CHECK(f.create_vnet(std::string(80, 'a')).status == 201);
    CHECK(code(f.put("virtualNetworks/v", {{"properties", json::object()}})) == "LocationRequired");
    CHECK(f.get("virtualNetworks/v").status == 404);
  }

  TEST_CASE("subnets are child resources: CRUD at their own URL, embedded in the VNet") {
    NetworkFixture f;
    REQUIRE(f.create_vnet("v").status == 201);
    auto created = f.put("virtualNetworks/v/subnets/web", {{"properties", {{"addressPrefix", "10.0.1.0/24"}}}});
    REQUIRE(created.status == 201);
    CHECK(created.json()["id"] == f.id("virtualNetworks/v/subnets/web"));
    CHECK_FALSE(created.header("azure-asyncoperation").empty());
    CHECK(f.get("virtualNetworks/v").json()["properties"]["subnets"].size() == 2);
    CHECK(f.get("virtualNetworks/v/subnets/WEB").json()["properties"]["addressPrefix"] == "10.0.1.0/24");
    CHECK(f.call("GET", f.net_url("virtualNetworks/v/subnets")).json()["value"].size() == 2);
    CHECK(f.put("virtualNetworks/v/subnets/web", {{"properties", {{"addressPrefix", "10.0.2.0/24"}}}}).status == 200);

    auto overlap = f.put("virtualNetworks/v/subnets/x", {{"properties", {{"addressPrefix", "10.0.2.0/23"}}}});
    CHECK(overlap.json()["error"]["code"] == "NetcfgSubnetRangesOverlap");
    CHECK(f.get("virtualNetworks/v/subnets/x").status == 404);

    auto missing_vnet = f.put("virtualNetworks/nope/subnets/web", {{"properties", {{"addressPrefix", "10.0.1.0/24"}}}});
    CHECK(missing_vnet.status == 404);
    CHECK(missing_vnet.json()["error"]["code"] == "ResourceNotFound");

    CHECK(f.del("virtualNetworks/v/subnets/web").status == 202);
    CHECK(f.get("virtualNetworks/v/subnets/web").status == 404);
    CHECK(f.del("virtualNetworks/v/subnets/web").status == 204);
    CHECK(f.get("virtualNetworks/v").json()["properties"]["subnets"].size() == 1);
  }

  TEST_CASE("a subnet used by a NIC cannot be deleted, re-addressed or dropped from the VNet") {
    NetworkFixture f;
    REQUIRE(f.create_vnet("v").status == 201);
    REQUIRE(f.create_nic("nic1", f.id("virtualNetworks/v/subnets/default")).status == 201);
    auto s = f.get("virtualNetworks/v/subnets/default").json();
    CHECK(s["properties"]["ipConfigurations"][0]["id"] == f.id("networkInterfaces/nic1/ipConfigurations/ipconfig1"));

    auto del = f.del("virtualNetworks/v/subnets/default");
    CHECK(del.status == 400);
    CHECK(del.json()["error"]["code"] == "InUseSubnetCannotBeDeleted");
    CHECK(f.del("virtualNetworks/v").json()["error"]["code"] == "InUseSubnetCannotBeDeleted");
    CHECK(f.create_vnet("v", "10.0.0.0/16", json::array()).json()["error"]["code"] == "InUseSubnetCannotBeDeleted");
    auto moved = f.put("virtualNetworks/v/subnets/default", {{"properties", {{"addressPrefix", "10.0.5.0/24"}}}});
    CHECK(moved.json()["error"]["code"] == "InUseSubnetCannotBeUpdated");

    REQUIRE(f.del("networkInterfaces/nic1").status == 202);
    CHECK_FALSE(f.get("virtualNetworks/v/subnets/default").json()["properties"].contains("ipConfigurations"));
    CHECK(f.del("virtualNetworks/v/subnets/default").status == 202);
  }

  TEST_CASE("CheckIPAddressAvailability reports used and reserved addresses") {
    NetworkFixture f;
    REQUIRE(f.create_vnet("v").status == 201);
    REQUIRE(f.create_nic("nic1", f.id("virtualNetworks/v/subnets/default")).status == 201);
    auto check = [&](const std::string& ip) {
      return f.call("GET", f.sub_url(f.net_path("virtualNetworks/v/CheckIPAddressAvailability?ipAddress=" + ip), "2022-01-01")).json();
    };
    CHECK(check("10.0.0.5")["available"] == true);
    auto used = check("10.0.0.4");
    CHECK(used["available"] == false);
    CHECK(used["availableIPAddresses"][0] == "10.0.0.5");
    CHECK(check("10.0.0.1")["available"] == false);
  }

  TEST_CASE("a resource group delete takes its networks along") {
    NetworkFixture f;
    f.create_group("doomed");
    REQUIRE(f.put("virtualNetworks/v", {{"location", "westus"}, {"properties", {{"addressSpace", {{"addressPrefixes", {"10.0.0.0/16"}}}}}}},
                  "doomed").status == 201);
    REQUIRE(f.call("DELETE", f.sub_url("/resourcegroups/doomed")).status == 202);
    f.create_group("doomed");
    CHECK(f.get("virtualNetworks/v", "doomed").status == 404);
  }
}
