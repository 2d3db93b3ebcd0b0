#include "tests/fake-arm/deployments/template/template_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm::tmpl;
using namespace azemu::arm::tmpl::testing;
using nlohmann::json;

namespace {
json nested(const std::string& scope) {
  json inner = {{"parameters", {{"innerP", {{"type", "string"}}}}},
                {"resources", json::array({{{"type", "A.B/c"}, {"name", "[parameters('innerP')]"}, {"apiVersion", "1"}}})}};
  json props = {{"mode", "Incremental"}, {"template", inner}, {"parameters", {{"innerP", {{"value", "[variables('v')]"}}}}}};
  if (!scope.empty()) props["expressionEvaluationOptions"] = {{"scope", scope}};
  return {{"type", "Microsoft.Resources/deployments"}, {"apiVersion", "2021-04-01"}, {"name", "nested1"}, {"properties", props}};
}
Plan plan_with(const json& r) {
  return prepare({{"parameters", {{"outerP", {{"type", "string"}, {"defaultValue", "[[literal]"}}}}},
                  {"variables", {{"v", "fromParent"}}},
                  {"resources", json::array({r})}},
                 json::object(), test_scope());
}
}  // namespace

TEST_SUITE("nested_deployment") {
  TEST_CASE("inner scope keeps the inner template as written and evaluates the rest in the parent") {
    Plan p = plan_with(nested("inner"));
    StubResolver stub;
    json body = evaluate_resource(p, 0, stub.resolver());
    CHECK(body["properties"]["template"]["resources"][0]["name"] == "[parameters('innerP')]");
    CHECK(body["properties"]["parameters"]["innerP"]["value"] == "fromParent");
    CHECK_FALSE(body.contains("name"));
    CHECK_FALSE(body.contains("apiVersion"));
    // The inner template prepares on its own with the evaluated parameters.
    Plan inner = prepare(body["properties"]["template"], body["properties"]["parameters"], test_scope());
    CHECK(inner.resources()[0].name == "fromParent");
  }

  TEST_CASE("outer scope hands the parent's parameters and variables down, escaped") {
    json r = nested("");
    r["properties"].erase("parameters");
    r["properties"]["template"]["resources"][0]["name"] = "[concat(variables('v'), '-', parameters('outerP'))]";
    r["properties"]["template"].erase("parameters");
    Plan p = plan_with(r);
    StubResolver stub;
    json body = evaluate_resource(p, 0, stub.resolver());
    json t = body["properties"]["template"];
    CHECK(t["variables"]["v"] == "fromParent");
    CHECK(t["parameters"]["outerP"]["defaultValue"] == "[[literal]");  // parent value "[literal]" stays literal
    Plan inner = prepare(t, json::object(), test_scope());
    CHECK(inner.resources()[0].name == "fromParent-[literal]");
  }
}
