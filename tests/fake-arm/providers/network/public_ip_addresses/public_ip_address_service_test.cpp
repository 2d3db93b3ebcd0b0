#include "fake-arm/providers/network/public_ip_addresses/public_ip_address_service.hpp"

#include "tests/fake-arm/providers/network/network_test_helpers.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace azemu;
using namespace azemu::testing;
using nlohmann::json;

TEST_SUITE("public_ip_address_service") {
  TEST_CASE("null allocation method means Basic/Dynamic, with an address from 203.0.113.0/24") {
    NetworkFixture f;
    auto r = f.put("publicIPAddresses/pip1", {{"location", "westus"}, {"properties", {{"publicIPAllocationMethod", nullptr}}}});
    REQUIRE(r.status == 201);
    auto j = r.json();
    CHECK(j["type"] == "Microsoft.Network/publicIPAddresses");
    CHECK(j["sku"] == json{{"name", "Basic"}, {"tier", "Regional"}});
    CHECK(j["properties"]["publicIPAllocationMethod"] == "Dynamic");
    CHECK(j["properties"]["publicIPAddressVersion"] == "IPv4");
    CHECK(j["properties"]["idleTimeoutInMinutes"] == 4);
    CHECK(j["properties"]["ipAddress"] == "203.0.113.1");
    CHECK_FALSE(j["properties"].contains("dnsSettings"));
    // The address survives an update.
    auto again = f.put("publicIPAddresses/pip1", {{"location", "westus"}, {"tags", {{"a", "b"}}}});
    CHECK(again.status == 200);
    CHECK(again.json()["properties"]["ipAddress"] == "203.0.113.1");
  }

  TEST_CASE("Standard SKU is Static; Standard + Dynamic is refused") {
    NetworkFixture f;
    auto r = f.put("publicIPAddresses/std", {{"location", "westus"}, {"sku", {{"name", "standard"}}}});
    REQUIRE(r.status == 201);
    CHECK(r.json()["sku"]["name"] == "Standard");
    CHECK(r.json()["properties"]["publicIPAllocationMethod"] == "Static");
    auto bad = f.put("publicIPAddresses/bad", {{"location", "westus"}, {"sku", {{"name", "Standard"}}},
                                               {"properties", {{"publicIPAllocationMethod", "Dynamic"}}}});
    CHECK(bad.status == 400);
    CHECK(bad.json()["error"]["code"] == "StandardSkuPublicIPAddressesMustBeStatic");
  }

  TEST_CASE("addresses are unique in the subscription, across groups") {
    NetworkFixture f;
    f.create_group("other");
    std::set<std::string> seen;
    for (int i = 0; i < 3; ++i) {
      auto r = f.put("publicIPAddresses/p" + std::to_string(i), {{"location", "westus"}}, i % 2 ? "other" : "rg");
      REQUIRE(r.status == 201);
      seen.insert(r.json()["properties"]["ipAddress"].get<std::string>());
    }
    CHECK(seen.size() == 3);
    REQUIRE(f.del("publicIPAddresses/p0").status == 202);
    CHECK(f.put("publicIPAddresses/p9", {{"location", "westus"}}).json()["properties"]["ipAddress"] == "203.0.113.1");
  }

  TEST_CASE("a domain name label gives <label>.<location>.cloudapp.azure.com") {
    NetworkFixture f;
    auto r = f.put("publicIPAddresses/p", {{"location", "West US"}, {"properties", {{"dnsSettings", {{"domainNameLabel", "myvm-1"}}}}}});
    REQUIRE(r.status == 201);
    CHECK(r.json()["properties"]["dnsSettings"]["fqdn"] == "myvm-1.westus.cloudapp.azure.com");
    auto dup = f.put("publicIPAddresses/q", {{"location", "westus"}, {"properties", {{"dnsSettings", {{"domainNameLabel", "myvm-1"}}}}}});
    CHECK(dup.json()["error"]["code"] == "DnsRecordInUse");
    auto bad = f.put("publicIPAddresses/q", {{"location", "westus"}, {"properties", {{"dnsSettings", {{"domainNameLabel", "My_VM"}}}}}});
    CHECK(bad.json()["error"]["code"] == "InvalidDomainNameLabel");
  }

  TEST_CASE("an address attached to a NIC cannot be deleted, and shows its IP configuration") {
    NetworkFixture f;
    REQUIRE(f.put("publicIPAddresses/pip", {{"location", "westus"}}).status == 201);
    REQUIRE(f.create_vnet("v").status == 201);
    REQUIRE(f.create_nic("nic1", f.id("virtualNetworks/v/subnets/default"),
                         {{"publicIPAddress", {{"id", f.id("publicIpAddresses/pip")}}}}).status == 201);
    CHECK(f.get("publicIPAddresses/pip").json()["properties"]["ipConfiguration"]["id"] ==
          f.id("networkInterfaces/nic1/ipConfigurations/ipconfig1"));
    auto del = f.del("publicIPAddresses/pip");
    CHECK(del.status == 400);
    CHECK(del.json()["error"]["code"] == "PublicIPAddressCannotBeDeleted");
  }
}
