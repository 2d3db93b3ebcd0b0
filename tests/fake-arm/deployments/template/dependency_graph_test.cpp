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
