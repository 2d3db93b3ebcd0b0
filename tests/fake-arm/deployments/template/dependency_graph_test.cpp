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
Plan plan_of(const json& resources) { return prepare({{"resources", resources}}, json::object(), test_scope()); }
using Waves = std::vector<std::vector<std::size_t>>;
}  // namespace

TEST_SUITE("dependency_graph") {
  TEST_CASE("dependsOn by short type/name, full id, bare name — any case") {
    Plan p = plan_of(json::array({
        res("Microsoft.Network/virtualNetworks", "vnet1"),
        res("Microsoft.Network/publicIPAddresses", "pip1"),
        res("Microsoft.Network/networkSecurityGroups", "nsg1"),
        res("Microsoft.Network/networkInterfaces", "nic1",
            {{"dependsOn", {"microsoft.network/VIRTUALNETWORKS/vnet1", "[resourceId('Microsoft.Network/publicIpAddresses', 'PIP1')]", "nsg1"}}}),
    }));
    CHECK(p.resources()[3].depends_on == std::vector<std::size_t>{0, 1, 2});
    CHECK(p.waves() == Waves{{0, 1, 2}, {3}});
  }

  TEST_CASE("dependsOn a copy loop name means all of its members") {
    Plan p = plan_of(json::array({res("A.B/c", "[concat('m', copyIndex())]", {{"copy", {{"name", "members"}, {"count", 3}}}}),
                                  res("A.B/d", "after", {{"dependsOn", {"members"}}})}));
    CHECK(p.resources()[3].depends_on == std::vector<std::size_t>{0, 1, 2});
  }

  TEST_CASE("dependsOn a child in the interleaved form") {
    Plan p = plan_of(json::array({res("Microsoft.Network/virtualNetworks/subnets", "v/s"),
                                  res("A.B/c", "x", {{"dependsOn", {"Microsoft.Network/virtualNetworks/v/subnets/s"}}})}));
    CHECK(p.resources()[1].depends_on == std::vector<std::size_t>{0});
  }

  TEST_CASE("at subscription scope a resource group matches both its planned id and resourceId()'s provider form") {
    // resourceId('Microsoft.Resources/resourceGroups', g) at subscription scope prints
    // /subscriptions/s/providers/Microsoft.Resources/resourceGroups/g (the generic subscription-level
    // form, as subscriptionResourceId() documents it) while the group is planned under its real id
    // /subscriptions/s/resourceGroups/g: dependsOn must treat them as one resource.
    DeploymentScope sub_scope = test_scope();
    sub_scope.resource_group.clear();
    const std::string sub = std::string("/subscriptions/") + kSub;
    for (const std::string ref : std::vector<std::string>{"[resourceId('Microsoft.Resources/resourceGroups', 'grp')]",
                                  "[subscriptionResourceId('Microsoft.Resources/resourceGroups', 'GRP')]",
                                  sub + "/resourceGroups/grp", sub + "/providers/Microsoft.Resources/resourceGroups/grp",
                                  std::string("Microsoft.Resources/resourceGroups/grp"), std::string("grp")}) {
      CAPTURE(ref);
      json t = {{"resources", json::array({res("Microsoft.Resources/resourceGroups", "grp", {{"location", "westus"}}),
                                           res("Microsoft.Resources/resourceGroups", "other",
                                               {{"location", "westus"}, {"dependsOn", {ref}}})})}};
      Plan p = prepare(t, json::object(), sub_scope);
      CHECK(p.resources()[0].resource_id == sub + "/resourceGroups/grp");
      CHECK(p.resources()[1].depends_on == std::vector<std::size_t>{0});
      CHECK(p.waves() == Waves{{0}, {1}});
    }
    // A group of another name is still not defined.
    json bad = {{"resources", json::array({res("Microsoft.Resources/resourceGroups", "grp", {{"location", "westus"}}),
                                           res("Microsoft.Resources/resourceGroups", "other",
                                               {{"location", "westus"},
                                                {"dependsOn", {"[resourceId('Microsoft.Resources/resourceGroups', 'nope')]"}}})})}};
    CHECK(error_of([&] { prepare(bad, json::object(), sub_scope); }).code() == "InvalidTemplate");
  }

  TEST_CASE("an unknown dependency is not defined in the template") {
    auto e = error_of([] { plan_of(json::array({res("A.B/c", "x", {{"dependsOn", {"A.B/c/nope"}}})})); });
    CHECK(e.code() == "InvalidTemplate");
    CHECK(std::string(e.what()).find("The resource 'A.B/c/nope' at 'resources[0].dependsOn' is not defined in the template.") !=
          std::string::npos);
  }

  TEST_CASE("cycles are reported with the resource id") {
    auto e = error_of([] {
      plan_of(json::array({res("A.B/c", "x", {{"dependsOn", {"y"}}}), res("A.B/c", "y", {{"dependsOn", {"z"}}}),
                           res("A.B/c", "z", {{"dependsOn", {"x"}}})}));
    });
    CHECK(e.code() == "InvalidTemplate");
    std::string m = e.what();
    CHECK(m.rfind("Deployment template validation failed: 'Circular dependency detected on resource: '" + rg_prefix() +
                      "/providers/A.B/c/",
                  0) == 0);
    CHECK(m.find("'. Please see https://aka.ms/arm-syntax-resources for usage details.'") != std::string::npos);
    CHECK(error_of([] { plan_of(json::array({res("A.B/c", "self", {{"dependsOn", {"self"}}})})); }).code() == "InvalidTemplate");
  }

  TEST_CASE("serial copy loops deploy in waves of batchSize") {
    Plan p = plan_of(json::array({res("A.B/c", "[concat('m', copyIndex())]",
                                      {{"copy", {{"name", "l"}, {"count", 5}, {"mode", "serial"}, {"batchSize", 2}}}})}));
    CHECK(p.waves() == Waves{{0, 1}, {2, 3}, {4}});
    Plan one = plan_of(json::array({res("A.B/c", "[concat('m', copyIndex())]", {{"copy", {{"name", "l"}, {"count", 3}, {"mode", "Serial"}}}})}));
    CHECK(one.waves() == Waves{{0}, {1}, {2}});
  }

  TEST_CASE("reference() to a template resource is an implicit dependency") {
    Plan p = plan_of(json::array({res("A.B/c", "consumer", {{"properties", {{"x", "[reference('producer').value]"}, {"k", "[listKeys(resourceId('A.B/c', 'other'), '1').keys]"}}}}),
                                  res("A.B/c", "producer"), res("A.B/c", "other")}));
    CHECK(p.resources()[0].depends_on == std::vector<std::size_t>{1, 2});
    CHECK(p.waves() == Waves{{1, 2}, {0}});
  }
}
