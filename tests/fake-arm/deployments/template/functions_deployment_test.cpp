#include "tests/fake-arm/deployments/template/template_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm::tmpl;
using namespace azemu::arm::tmpl::testing;
using nlohmann::json;

TEST_SUITE("functions_deployment") {
  TEST_CASE("resourceId in the deployment's group, another group, another subscription") {
    CHECK(eval("[resourceId('Microsoft.Network/virtualNetworks', 'vnet1')]") ==
          rg_prefix() + "/providers/Microsoft.Network/virtualNetworks/vnet1");
    CHECK(eval("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet1', 'default')]") ==
          rg_prefix() + "/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/default");
    CHECK(eval("[resourceId('otherRg', 'Microsoft.Storage/storageAccounts', 'sa')]") ==
          std::string("/subscriptions/") + kSub + "/resourceGroups/otherRg/providers/Microsoft.Storage/storageAccounts/sa");
    CHECK(eval("[resourceId('s2', 'rg2', 'Microsoft.Storage/storageAccounts', 'sa')]") ==
          "/subscriptions/s2/resourceGroups/rg2/providers/Microsoft.Storage/storageAccounts/sa");
    auto e = error_of([] { eval("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet1')]"); });
    CHECK(std::string(e.what()).find("requires '2' resource name argument(s)") != std::string::npos);
  }

  TEST_CASE("subscriptionResourceId, tenantResourceId, extensionResourceId") {
    CHECK(eval("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'abc')]") ==
          std::string("/subscriptions/") + kSub + "/providers/Microsoft.Authorization/roleDefinitions/abc");
    CHECK(eval("[tenantResourceId('Microsoft.Management/managementGroups', 'mg')]") ==
          "/providers/Microsoft.Management/managementGroups/mg");
    CHECK(eval("[extensionResourceId(resourceGroup().id, 'Microsoft.Authorization/locks', 'l1')]") ==
          rg_prefix() + "/providers/Microsoft.Authorization/locks/l1");
  }

  TEST_CASE("resourceGroup, subscription, deployment, tenant") {
    CHECK(eval("[resourceGroup().location]") == "westus");
    CHECK(eval("[resourceGroup().name]") == "rg1");
    CHECK(eval("[subscription().subscriptionId]") == kSub);
    CHECK(eval("[subscription().tenantId]") == test_scope().tenant_id);
    CHECK(eval("[deployment().name]") == "dep1");
    CHECK(eval("[tenant().tenantId]") == test_scope().tenant_id);
    CHECK(eval("[environment().suffixes.keyvaultDns]") == ".vault.azure.net");
  }

  TEST_CASE("parameters and variables are found case-insensitively; unknown ones fail") {
    CHECK(eval("[parameters('MyParam')]", json{{"myParam", "v"}}) == "v");
    CHECK(eval("[variables('V1')]", json::object(), json{{"v1", "x"}}) == "x");
    auto e = error_of([] { eval("[parameters('nope')]"); });
    CHECK(std::string(e.what()).find("The template parameter 'nope' is not found.") != std::string::npos);
    CHECK(std::string(error_of([] { eval("[variables('nope')]"); }).what()).find("The template variable 'nope' is not found.") !=
          std::string::npos);
  }

  TEST_CASE("copyIndex outside a copy loop is not expected at this location") {
    auto e = error_of([] { eval("[copyIndex()]"); });
    CHECK(std::string(e.what()).find("The template function 'copyIndex' is not expected at this location.") != std::string::npos);
  }

  TEST_CASE("uniqueString and guid take string arguments joined with '-'") {
    std::string u = eval("[uniqueString(resourceGroup().id)]").get<std::string>();
    CHECK(u.size() == 13);
    CHECK(eval("[guid('a', 'b')]") == eval("[guid('a-b')]"));
    CHECK(eval("[uniqueString('a', 'b')]") == eval("[uniqueString('a-b')]"));
    CHECK(error_of([] { eval("[uniqueString(1)]"); }).code() == "InvalidTemplate");
  }

  TEST_CASE("reference reads through the resolver: properties by default, the resource with 'Full'") {
    json t = {{"resources", json::array({{{"type", "Microsoft.Storage/storageAccounts"}, {"apiVersion", "2022-09-01"}, {"name", "sa1"}}})}};
    Plan plan = prepare(t, json::object(), test_scope());
    StubResolver stub;
    std::string id = rg_prefix() + "/providers/Microsoft.Storage/storageAccounts/sa1";
    stub.resources[id] = {{"id", id}, {"properties", {{"primaryEndpoints", {{"blob", "https://sa1/"}}}}}, {"identity", {{"principalId", "p1"}}}};
    Resolver r = stub.resolver();
    CHECK(evaluate(plan, "[reference('sa1').primaryEndpoints.blob]", r) == "https://sa1/");
    CHECK(stub.calls.back() == id + "|2022-09-01|props");  // api version from the template resource
    CHECK(evaluate(plan, "[reference(resourceId('Microsoft.Storage/storageAccounts', 'sa1'), '2021-01-01', 'Full').identity.principalId]", r) == "p1");
    CHECK(stub.calls.back() == id + "|2021-01-01|full");
    CHECK(evaluate(plan, "[listKeys('sa1', '2022-09-01').keys[0].value]", r) == "secret-sa1");
    CHECK(stub.calls.back() == "listKeys:" + id + "|2022-09-01");
    auto e = error_of([&] { evaluate(plan, "[reference('nope')]", r); });
    CHECK(std::string(e.what()).find("could not find template resource or resource copy with this name") != std::string::npos);
    CHECK(error_of([&] { evaluate(plan, "[reference('/subscriptions/x/resourceGroups/y/providers/A.B/c/d')]", r); }).code() ==
          "ResourceNotFound");
  }
}
