#include "tests/fake-arm/deployments/template/template_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm::tmpl;
using namespace azemu::arm::tmpl::testing;
using nlohmann::json;

TEST_SUITE("variables") {
  TEST_CASE("variables use parameters and other variables in any order") {
    json vars = {{"full", "[concat(variables('prefix'), '-', parameters('n'))]"}, {"prefix", "[toUpper('ab')]"}};
    CHECK(eval("[variables('full')]", json{{"n", "x"}}, vars) == "AB-x");
  }

  TEST_CASE("variable copy builds arrays; property copy works inside a variable value") {
    json vars = {{"copy", {{{"name", "disks"}, {"count", 2}, {"input", {{"name", "[concat('d', copyIndex('disks'))]"}}}}}},
                 {"nic", {{"copy", {{{"name", "ipConfigs"}, {"count", 2}, {"input", "[copyIndex('ipConfigs', 1)]"}}}}}}};
    CHECK(eval("[variables('disks')]", json::object(), vars) == json{{{"name", "d0"}}, {{"name", "d1"}}});
    CHECK(eval("[variables('nic').ipConfigs]", json::object(), vars) == json{1, 2});
  }

  TEST_CASE("circular variables and reference() in variables are rejected") {
    json cyc = {{"a", "[variables('b')]"}, {"b", "[variables('a')]"}};
    auto e = error_of([&] { eval("x", json::object(), cyc); });
    CHECK(e.code() == "InvalidTemplate");
    CHECK(std::string(e.what()).find("circular reference") != std::string::npos);
    auto r = error_of([] { eval("x", json::object(), json{{"r", "[reference('x')]"}}); });
    CHECK(std::string(r.what()).find("The template function 'reference' is not expected at this location.") != std::string::npos);
    CHECK(std::string(r.what()).find("variables.r") != std::string::npos);
  }
}
