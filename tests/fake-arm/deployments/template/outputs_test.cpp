#include "tests/fake-arm/deployments/template/template_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm::tmpl;
using namespace azemu::arm::tmpl::testing;
using nlohmann::json;

namespace {
json outputs_of(const json& outputs, StubResolver& stub) {
  json t = {{"parameters", {{"n", {{"type", "int"}, {"defaultValue", 3}}}, {"pwd", {{"type", "securestring"}, {"defaultValue", "p"}}}}},
            {"resources", json::array({{{"type", "A.B/c"}, {"name", "r1"}, {"apiVersion", "2020-01-01"}}})},
            {"outputs", outputs}};
  Plan plan = prepare(t, json::object(), test_scope());
  return evaluate_outputs(plan, stub.resolver());
}
}  // namespace

TEST_SUITE("outputs") {
  TEST_CASE("types are canonical, conditions drop outputs, copy builds arrays, secure values are hidden") {
    StubResolver stub;
    std::string id = rg_prefix() + "/providers/A.B/c/r1";
    stub.resources[id] = {{"properties", {{"endpoint", "https://r1"}}}};
    json out = outputs_of({{"s", {{"type", "string"}, {"value", "[reference('r1').endpoint]"}}},
                           {"i", {{"type", "INT"}, {"value", "[parameters('n')]"}}},
                           {"skipped", {{"type", "string"}, {"condition", "[equals(parameters('n'), 0)]"}, {"value", "x"}}},
                           {"list", {{"type", "array"}, {"copy", {{"count", "[parameters('n')]"}, {"input", "[concat('i', copyIndex())]"}}}}},
                           {"secret", {{"type", "securestring"}, {"value", "[parameters('pwd')]"}}}},
                          stub);
    CHECK(out["s"] == json{{"type", "String"}, {"value", "https://r1"}});
    CHECK(out["i"] == json{{"type", "Int"}, {"value", 3}});
    CHECK_FALSE(out.contains("skipped"));
    CHECK(out["list"]["value"] == json{"i0", "i1", "i2"});
    CHECK(out["secret"] == json{{"type", "SecureString"}});
  }

  TEST_CASE("failures are DeploymentOutputEvaluationFailed naming the output") {
    StubResolver stub;  // r1 not deployed → ResourceNotFound from the resolver
    auto e = error_of([&] { outputs_of({{"o", {{"type", "object"}, {"value", "[reference('r1')]"}}}}, stub); });
    CHECK(e.code() == "DeploymentOutputEvaluationFailed");
    CHECK(std::string(e.what()).find("Unable to evaluate template outputs: 'o'.") != std::string::npos);
    auto t = error_of([&] { outputs_of({{"o", {{"type", "bool"}, {"value", "text"}}}}, stub); });
    CHECK(t.code() == "DeploymentOutputEvaluationFailed");
    CHECK(std::string(t.what()).find("Expected 'Boolean'. Actual 'String'.") != std::string::npos);
  }
}
