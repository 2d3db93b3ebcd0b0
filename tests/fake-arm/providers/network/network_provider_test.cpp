#include "fake-arm/providers/network/network_provider.hpp"

#include "tests/fake-arm/providers/network/network_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::testing;
using nlohmann::json;

TEST_SUITE("network_provider") {
  // The network resources of `az vm create`'s deployment (research/az-wire.md §4.7), verbatim
  // (template keys included, null allocation method, "publicIpAddresses" casing in the NIC's
  // reference), PUT in dependsOn order: the deployment engine hands the same bodies to the
  // registered DeployableType, which calls the same NetworkApi::put.
  TEST_CASE("the az vm create network resources are servable") {
    NetworkFixture f;
    const std::string rg_id = "/subscriptions/" + f.sub + "/resourceGroups/rg/providers/Microsoft.Network/";
    json vnet = {{"name", "myVMVNET"}, {"type", "Microsoft.Network/virtualNetworks"}, {"apiVersion", "2015-06-15"},
                 {"location", "westus"}, {"dependsOn", json::array()}, {"tags", json::object()},
                 {"properties", {{"addressSpace", {{"addressPrefixes", {"10.0.0.0/16"}}}},
                                 {"subnets", {{{"name", "myVMSubnet"}, {"properties", {{"addressPrefix", "10.0.0.0/24"}}}}}}}}};
    json nsg = {{"name", "myVMNSG"}, {"type", "Microsoft.Network/networkSecurityGroups"}, {"location", "westus"},
                {"properties", {{"securityRules", {{{"name", "default-allow-ssh"},
                                                    {"properties", {{"protocol", "Tcp"}, {"sourcePortRange", "*"},
                                                                    {"destinationPortRange", "22"}, {"sourceAddressPrefix", "*"},
                                                                    {"destinationAddressPrefix", "*"}, {"access", "Allow"},
                                                                    {"priority", 1000}, {"direction", "Inbound"}}}}}}}}};
    json pip = {{"name", "myVMPublicIP"}, {"type", "Microsoft.Network/publicIPAddresses"}, {"apiVersion", "2022-01-01"},
                {"location", "westus"}, {"properties", {{"publicIPAllocationMethod", nullptr}}}};
    json nic = {{"name", "myVMVMNic"}, {"type", "Microsoft.Network/networkInterfaces"}, {"location", "westus"},
                {"dependsOn", {"Microsoft.Network/virtualNetworks/myVMVNET", "Microsoft.Network/networkSecurityGroups/myVMNSG",
                               "Microsoft.Network/publicIpAddresses/myVMPublicIP"}},
                {"properties", {{"ipConfigurations", {{{"name", "ipconfigmyVM"},
                                                       {"properties", {{"privateIPAllocationMethod", "Dynamic"},
                                                                       {"subnet", {{"id", rg_id + "virtualNetworks/myVMVNET/subnets/myVMSubnet"}}},
                                                                       {"publicIPAddress", {{"id", rg_id + "publicIpAddresses/myVMPublicIP"}}}}}}}},
                                {"networkSecurityGroup", {{"id", rg_id + "networkSecurityGroups/myVMNSG"}}}}}};
    REQUIRE(f.put("virtualNetworks/myVMVNET", vnet).status == 201);
    REQUIRE(f.put("networkSecurityGroups/myVMNSG", nsg).status == 201);
    REQUIRE(f.put("publicIpAddresses/myVMPublicIP", pip).status == 201);
    auto r = f.put("networkInterfaces/myVMVMNic", nic);
    REQUIRE(r.status == 201);
    auto ipc = r.json()["properties"]["ipConfigurations"][0]["properties"];
    CHECK(ipc["privateIPAddress"] == "10.0.0.4");
    // References come back canonical, as `vm create`'s get_vm_details follows them.
    CHECK(ipc["publicIPAddress"]["id"] == rg_id + "publicIPAddresses/myVMPublicIP");
    auto got_pip = f.get("publicIPAddresses/myVMPublicIP").json();
    CHECK(got_pip["properties"]["ipAddress"].is_string());
    CHECK(got_pip["properties"]["publicIPAllocationMethod"] == "Dynamic");
    // `vm create`'s VNet reuse lookup: a VNet in the group's location with a usable subnet.
    auto vnets = f.call("GET", f.net_url("virtualNetworks")).json()["value"];
    REQUIRE(vnets.size() == 1);
    CHECK(vnets[0]["location"] == "westus");
    CHECK(vnets[0]["properties"]["subnets"][0]["properties"]["ipConfigurations"].size() == 1);
  }

  TEST_CASE("network actions are authorized per type") {
    NetworkFixture f;
    // A token for a principal without any role assignment.
    auto outsider = f.stack.mint({{"oid", "00000000-0000-0000-0000-00000000dead"}, {"appid", "00000000-0000-0000-0000-00000000beef"}});
    auto r = f.stack.call_as(outsider, "GET", f.net_url("virtualNetworks/v"));
    CHECK(r.status == 403);
    CHECK(r.json()["error"]["code"] == "AuthorizationFailed");
    CHECK(r.json()["error"]["message"].get<std::string>().find("Microsoft.Network/virtualNetworks/read") != std::string::npos);
  }
}
