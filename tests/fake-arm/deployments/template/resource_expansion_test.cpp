#include "tests/fake-arm/deployments/template/template_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm::tmpl;
using namespace azemu::arm::tmpl::testing;
using nlohmann::json;

namespace {
json res(const std::string& type, const std::string& name, json extra = json::object()) {
  json r = {{"type", type}, {"name", name}, {"apiVersion", "2022-01-01"}};
  r.update(extra);
  return r;
}
Plan plan_of(const json& resources, const json& params = json::object(), const json& values = json::object()) {
  return prepare({{"parameters", params}, {"resources", resources}}, values, test_scope());
}
}  // namespace

TEST_SUITE("resource_expansion") {
  TEST_CASE("a copy loop yields one resource per index with copyIndex offsets") {
    Plan p = plan_of(json::array({res("Microsoft.Storage/storageAccounts", "[concat('sa', copyIndex(1))]",
                                      {{"copy", {{"name", "saLoop"}, {"count", "[parameters('n')]"}}}})}),
                     {{"n", {{"type", "int"}}}}, {{"n", {{"value", 3}}}});
    REQUIRE(p.resources().size() == 3);
    CHECK(p.resources()[0].name == "sa1");
    CHECK(p.resources()[2].name == "sa3");
    CHECK(p.resources()[2].resource_id == rg_prefix() + "/providers/Microsoft.Storage/storageAccounts/sa3");
    CHECK(p.resources()[1].symbolic == "Microsoft.Storage/storageAccounts/sa2");
    CHECK(p.waves().size() == 1);  // parallel by default
  }

  TEST_CASE("copy count 0 yields nothing; names that collide are defined multiple times") {
    CHECK(plan_of(json::array({res("A.B/c", "[concat('x', copyIndex())]", {{"copy", {{"name", "l"}, {"count", 0}}}})})).resources().empty());
    auto e = error_of([] { plan_of(json::array({res("A.B/c", "same", {{"copy", {{"name", "l"}, {"count", 2}}}})})); });
    CHECK(std::string(e.what()).find("is defined multiple times in a template") != std::string::npos);
  }

  TEST_CASE("conditions are evaluated and kept on the plan") {
    Plan p = plan_of(json::array({res("A.B/c", "on", {{"condition", "[equals(parameters('env'), 'prod')]"}}),
                                  res("A.B/c", "off", {{"condition", false}})}),
                     {{"env", {{"type", "string"}, {"defaultValue", "prod"}}}});
    CHECK(p.resources()[0].condition);
    CHECK_FALSE(p.resources()[1].condition);
    CHECK(error_of([] { plan_of(json::array({res("A.B/c", "x", {{"condition", "yes"}})})); }).code() == "InvalidTemplate");
  }

  TEST_CASE("child resources are relative to the parent and depend on it") {
    json vnet = res("Microsoft.Network/virtualNetworks", "vnet1",
                    {{"resources", json::array({res("subnets", "default"),
                                                res("Microsoft.Network/virtualNetworks/subnets", "vnet1/second")})}});
    Plan p = plan_of(json::array({vnet}));
    REQUIRE(p.resources().size() == 3);
    const auto& sub = p.resources()[1];
    CHECK(sub.type == "Microsoft.Network/virtualNetworks/subnets");
    CHECK(sub.name == "vnet1/default");
    CHECK(sub.resource_id == rg_prefix() + "/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/default");
    CHECK(sub.template_path == "resources[0].resources[0]");
    CHECK(sub.depends_on == std::vector<std::size_t>{0});
    CHECK(p.resources()[2].name == "vnet1/second");
    CHECK(p.resources()[2].depends_on == std::vector<std::size_t>{0});
    CHECK(p.waves() == std::vector<std::vector<std::size_t>>{{0}, {1, 2}});
  }

  TEST_CASE("type and name segment counts must agree") {
    auto e = error_of([] { plan_of(json::array({res("Microsoft.Network/virtualNetworks/subnets", "onlyOne")})); });
    CHECK(std::string(e.what()).find("incorrect segment lengths") != std::string::npos);
  }

  TEST_CASE("missing type/name/apiVersion, or a bad name expression, point at the resource") {
    auto e = error_of([] { plan_of(json::array({json{{"type", "A.B/c"}, {"name", "x"}}})); });
    CHECK(std::string(e.what()).find("'apiVersion' is required") != std::string::npos);
    auto f = error_of([] { plan_of(json::array({res("A.B/c", "ok"), res("A.B/c", "[foo()]")})); });
    CHECK(std::string(f.what()).find("The template resource '[foo()]' at 'resources[1].name'") != std::string::npos);
    CHECK(std::string(f.what()).find("The template function 'foo' is not valid.") != std::string::npos);
  }

  TEST_CASE("resource groups at subscription scope and nested deployments into another group get the right ids") {
    DeploymentScope sub_scope = test_scope();
    sub_scope.resource_group.clear();
    json t = {{"resources", json::array({res("Microsoft.Resources/resourceGroups", "newRg", {{"location", "westus"}}),
                                         res("Microsoft.Resources/deployments", "inner",
                                             {{"resourceGroup", "newRg"}, {"dependsOn", {"newRg"}},
                                              {"properties", {{"mode", "Incremental"}, {"template", json::object()}}}})})}};
    Plan p = prepare(t, json::object(), sub_scope);
    CHECK(p.resources()[0].resource_id == std::string("/subscriptions/") + kSub + "/resourceGroups/newRg");
    CHECK(p.resources()[1].resource_id ==
          std::string("/subscriptions/") + kSub + "/resourceGroups/newRg/providers/Microsoft.Resources/deployments/inner");
    CHECK(p.resources()[1].depends_on == std::vector<std::size_t>{0});
    // The documented form: dependsOn resourceId('Microsoft.Resources/resourceGroups/', name).
    t["resources"][1]["dependsOn"] = {"[resourceId('Microsoft.Resources/resourceGroups/', 'newRg')]"};
    CHECK(prepare(t, json::object(), sub_scope).resources()[1].depends_on == std::vector<std::size_t>{0});
  }

  TEST_CASE("extension resources use their scope") {
    Plan p = plan_of(json::array({res("Microsoft.Storage/storageAccounts", "sa1"),
                                  res("Microsoft.Authorization/locks", "lock1",
                                      {{"scope", "Microsoft.Storage/storageAccounts/sa1"}})}));
    CHECK(p.resources()[1].resource_id ==
          rg_prefix() + "/providers/Microsoft.Storage/storageAccounts/sa1/providers/Microsoft.Authorization/locks/lock1");
  }
}
