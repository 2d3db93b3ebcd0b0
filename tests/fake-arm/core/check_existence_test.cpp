#include "fake-arm/core/check_existence.hpp"

#include "fake-arm/core/resource_store.hpp"
#include "tests/fake-arm/arm_test_helpers.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

using namespace azemu;
using namespace azemu::testing;

TEST_SUITE("check_existence") {
  TEST_CASE("a GET's 200 becomes an empty 204; other replies and errors pass through") {
    http::Request req;
    auto found = arm::check_existence_from_get([](http::Request&) { return http::Reply::ok({{"name", "x"}}); });
    auto r = found(req);
    CHECK(r.status == 204);
    CHECK(r.body.empty());
    auto accepted = arm::check_existence_from_get([](http::Request&) { return http::Reply::empty(202); });
    CHECK(accepted(req).status == 202);
    auto missing = arm::check_existence_from_get(
        [](http::Request&) -> http::Reply { throw AzureError(ErrorKind::NotFound, "ResourceNotFound", "gone"); });
    CHECK_THROWS_AS(missing(req), AzureError);
  }

  TEST_CASE("HEAD on resources of every kind: 204 when they exist, 404 when not (Resources_CheckExistenceById)") {
    ArmFixture f;
    f.create_group("rg1");
    const std::string rg = "/resourcegroups/rg1/providers";
    REQUIRE(f.call("PUT", f.sub_url(rg + "/Microsoft.Network/virtualNetworks/vnet1", "2024-05-01"),
                   R"({"location":"westus","properties":{"addressSpace":{"addressPrefixes":["10.0.0.0/16"]},
                       "subnets":[{"name":"default","properties":{"addressPrefix":"10.0.0.0/24"}}]}})")
                .status < 300);
    REQUIRE(f.call("PUT", f.sub_url(rg + "/Microsoft.Compute/disks/d1", "2024-03-02"),
                   R"({"location":"westus","properties":{"creationData":{"createOption":"Empty"},"diskSizeGB":4}})")
                .status < 300);
    // A type no provider route serves: the catch-all GET reads it from the store.
    auto sa = arm::ResourceId::resource(f.sub, "rg1", "Microsoft.Storage", "storageAccounts", "sa1");
    f.stack.db().write([&](store::Connection& c) {
      arm::ResourceStore().put(c, {sa, "Microsoft.Storage/storageAccounts", "westus", nlohmann::json::object(),
                                   {{"id", sa.str()}, {"name", "sa1"}, {"type", "Microsoft.Storage/storageAccounts"}}, 1, 1});
    });
    for (const char* path : {"/Microsoft.Network/virtualNetworks/vnet1", "/Microsoft.Network/virtualNetworks/vnet1/subnets/default",
                             "/Microsoft.Compute/disks/d1", "/Microsoft.Storage/storageAccounts/sa1"}) {
      CAPTURE(path);
      auto head = f.call("HEAD", f.sub_url(rg + path));
      CHECK(head.status == 204);
      CHECK(head.body.empty());
      CHECK(f.call("HEAD", f.sub_url(rg + path + "x")).status == 404);
    }
    for (const char* path : {"/Microsoft.KeyVault/vaults/nokv", "/Microsoft.Compute/virtualMachines/novm",
                             "/Microsoft.Compute/virtualMachines/novm/extensions/e", "/Microsoft.Network/networkInterfaces/n",
                             "/Microsoft.Network/publicIPAddresses/p", "/Microsoft.Network/networkSecurityGroups/g",
                             "/Microsoft.Network/networkSecurityGroups/g/securityRules/r", "/Contoso.Widgets/widgets/w1"}) {
      CAPTURE(path);
      CHECK(f.call("HEAD", f.sub_url(rg + path)).status == 404);
    }
    CHECK(f.call("HEAD", f.sub_url("/resourcegroups/nogroup/providers/Microsoft.Compute/disks/d1")).status == 404);
  }
}
