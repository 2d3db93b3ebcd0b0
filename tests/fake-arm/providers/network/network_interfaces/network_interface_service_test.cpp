#include "fake-arm/providers/network/network_interfaces/network_interface_service.hpp"

#include "fake-arm/core/resource_store.hpp"
#include "tests/fake-arm/providers/network/network_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::testing;
using nlohmann::json;

TEST_SUITE("network_interface_service") {
  TEST_CASE("a NIC gets the first free address after Azure's reserved ones, a MAC and Azure's shape") {
    NetworkFixture f;
    REQUIRE(f.create_vnet("v").status == 201);
    const std::string subnet = f.id("virtualNetworks/v/subnets/default");
    auto r = f.create_nic("nic1", subnet);
    REQUIRE(r.status == 201);
    CHECK_FALSE(r.header("azure-asyncoperation").empty());
    auto p = r.json()["properties"];
    auto ipc = p["ipConfigurations"][0];
    CHECK(ipc["id"] == f.id("networkInterfaces/nic1/ipConfigurations/ipconfig1"));
    CHECK(ipc["type"] == "Microsoft.Network/networkInterfaces/ipConfigurations");
    CHECK(ipc["properties"]["privateIPAddress"] == "10.0.0.4");
    CHECK(ipc["properties"]["privateIPAllocationMethod"] == "Dynamic");
    CHECK(ipc["properties"]["primary"] == true);
    CHECK(ipc["properties"]["subnet"]["id"] == subnet);
    const std::string mac = p["macAddress"];
    CHECK(mac.size() == 17);
    CHECK(mac.rfind("00-0D-3A-", 0) == 0);
    CHECK(p["enableAcceleratedNetworking"] == false);
    CHECK(p["dnsSettings"]["dnsServers"] == json::array());
    CHECK_FALSE(p.contains("virtualMachine"));

    CHECK(f.create_nic("nic2", subnet).json()["properties"]["ipConfigurations"][0]["properties"]["privateIPAddress"] == "10.0.0.5");
    // An update keeps the address and the MAC.
    auto again = f.create_nic("nic1", subnet);
    CHECK(again.status == 200);
    CHECK(again.json()["properties"]["ipConfigurations"][0]["properties"]["privateIPAddress"] == "10.0.0.4");
    CHECK(again.json()["properties"]["macAddress"] == mac);
    CHECK(f.call("GET", f.net_url("networkInterfaces")).json()["value"].size() == 2);
    CHECK(f.call("GET", f.sub_url("/providers/Microsoft.Network/networkInterfaces", "2022-01-01")).json()["value"].size() == 2);
  }

  TEST_CASE("static private addresses are validated") {
    NetworkFixture f;
    REQUIRE(f.create_vnet("v").status == 201);
    const std::string subnet = f.id("virtualNetworks/v/subnets/default");
    auto fixed = [&](const std::string& name, const std::string& ip) {
      return f.create_nic(name, subnet, {{"privateIPAllocationMethod", "static"}, {"privateIPAddress", ip}});
    };
    auto ok = fixed("a", "10.0.0.10");
    REQUIRE(ok.status == 201);
    CHECK(ok.json()["properties"]["ipConfigurations"][0]["properties"]["privateIPAllocationMethod"] == "Static");
    CHECK(fixed("b", "10.0.0.10").json()["error"]["code"] == "PrivateIPAddressInUse");
    CHECK(fixed("b", "10.0.1.10").json()["error"]["code"] == "PrivateIPAddressNotInSubnet");
    CHECK(fixed("b", "10.0.0.3").json()["error"]["code"] == "PrivateIPAddressIsReserved");
    CHECK(fixed("b", "10.0.0.255").json()["error"]["code"] == "PrivateIPAddressIsReserved");
    // Dynamic allocation skips the static address.
    for (int i = 4; i < 10; ++i) REQUIRE(f.create_nic("d" + std::to_string(i), subnet).status == 201);
    CHECK(f.create_nic("d10", subnet).json()["properties"]["ipConfigurations"][0]["properties"]["privateIPAddress"] == "10.0.0.11");
  }

  TEST_CASE("a full subnet has no address left") {
    NetworkFixture f;
    REQUIRE(f.create_vnet("v", "10.0.0.0/16", json::array({{{"name", "tiny"}, {"properties", {{"addressPrefix", "10.0.0.0/29"}}}}}))
                .status == 201);
    const std::string subnet = f.id("virtualNetworks/v/subnets/tiny");
    CHECK(f.create_nic("a", subnet).json()["properties"]["ipConfigurations"][0]["properties"]["privateIPAddress"] == "10.0.0.4");
    CHECK(f.create_nic("b", subnet).status == 201);
    CHECK(f.create_nic("c", subnet).status == 201);
    CHECK(f.create_nic("d", subnet).json()["error"]["code"] == "SubnetIsFull");
  }

  TEST_CASE("references must exist in the NIC's region") {
    NetworkFixture f;
    REQUIRE(f.create_vnet("v").status == 201);
    const std::string subnet = f.id("virtualNetworks/v/subnets/default");
    auto code = [](const Response& r) { return r.json()["error"]["code"].get<std::string>(); };
    CHECK(code(f.create_nic("n", f.id("virtualNetworks/v/subnets/nope"))) == "InvalidResourceReference");
    CHECK(code(f.create_nic("n", "not-an-id")) == "LinkedInvalidPropertyId");
    CHECK(code(f.create_nic("n", subnet, {{"publicIPAddress", {{"id", f.id("publicIPAddresses/nope")}}}})) == "InvalidResourceReference");
    CHECK(code(f.create_nic("n", subnet, json::object(), {{"networkSecurityGroup", {{"id", f.id("networkSecurityGroups/nope")}}}})) ==
          "InvalidResourceReference");
    REQUIRE(f.put("publicIPAddresses/east", {{"location", "eastus"}}).status == 201);
    CHECK(code(f.create_nic("n", subnet, {{"publicIPAddress", {{"id", f.id("publicIPAddresses/east")}}}})) == "InvalidResourceReference");
    CHECK(code(f.put("networkInterfaces/n", {{"location", "westus"}, {"properties", {{"ipConfigurations", json::array()}}}})) ==
          "NetworkInterfaceIpConfigurationRequired");
    CHECK(f.get("networkInterfaces/n").status == 404);
  }

  TEST_CASE("a public IP serves one IP configuration") {
    NetworkFixture f;
    REQUIRE(f.create_vnet("v").status == 201);
    REQUIRE(f.put("publicIPAddresses/pip", {{"location", "westus"}}).status == 201);
    const std::string subnet = f.id("virtualNetworks/v/subnets/default");
    json pip = {{"publicIPAddress", {{"id", f.id("publicIPAddresses/pip")}}}};
    REQUIRE(f.create_nic("a", subnet, pip).status == 201);
    CHECK(f.create_nic("a", subnet, pip).status == 200);
    CHECK(f.create_nic("b", subnet, pip).json()["error"]["code"] == "PublicIPAddressInUse");
  }

  TEST_CASE("virtualMachine written by Compute survives PUTs and makes the NIC NicInUse") {
    NetworkFixture f;
    REQUIRE(f.create_vnet("v").status == 201);
    const std::string subnet = f.id("virtualNetworks/v/subnets/default");
    REQUIRE(f.create_nic("nic1", subnet).status == 201);
    const std::string vm_id = "/subscriptions/" + f.sub + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";
    // What the Compute provider does: write the back-reference straight into the stored body.
    f.stack.db().write([&](store::Connection& c) {
      arm::ResourceStore store;
      auto r = store.get(c, *arm::ResourceId::parse(f.id("networkInterfaces/nic1")));
      r->body["properties"]["virtualMachine"] = {{"id", vm_id}};
      store.put(c, *r);
      return 0;
    });
    auto again = f.create_nic("nic1", subnet, json::object(), {{"virtualMachine", {{"id", "/bogus"}}}});
    REQUIRE(again.status == 200);
    CHECK(again.json()["properties"]["virtualMachine"]["id"] == vm_id);
    auto del = f.del("networkInterfaces/nic1");
    CHECK(del.status == 400);
    CHECK(del.json()["error"]["code"] == "NicInUse");
    CHECK(del.json()["error"]["message"].get<std::string>().find(vm_id) != std::string::npos);
  }
}
