// fuzz_template_expression: one template language expression (the text between the brackets) →
// lexer, parser and evaluator (fake-arm/deployments/template/expression_*.cpp and the function
// table), in a plan with parameters, variables, a copy-less resource and a stub reference().
#include "tests/fake-arm/deployments/template/template_test_helpers.hpp"
#include "tests/fuzz/fake-arm/deployments/template/template_fuzz_support.hpp"

#include <cstdint>

namespace {
using namespace azemu;
using namespace azemu::arm::tmpl;
using nlohmann::json;

const json kTemplate = json::parse(R"({
  "parameters": {
    "name": {"type": "string", "defaultValue": "vm1"},
    "count": {"type": "int", "defaultValue": 3},
    "tags": {"type": "object", "defaultValue": {"env": "dev", "list": [1, 2, {"deep": true}]}},
    "zones": {"type": "array", "defaultValue": ["1", "2"]},
    "secret": {"type": "securestring", "defaultValue": "p@ss"}
  },
  "variables": {
    "prefix": "[concat(parameters('name'), '-')]",
    "obj": {"a": [1, 2, 3], "b": "[parameters('tags')]"}
  },
  "resources": [
    {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2022-07-01", "name": "vnet1", "location": "westus"}
  ]
})");
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Plan plan = prepare(kTemplate, json::object(), testing::test_scope());
  static testing::StubResolver stub;
  static const Resolver resolver = stub.resolver();
  std::string expr = "[" + std::string(reinterpret_cast<const char*>(data), size) + "]";
  // Templates arrive as JSON, whose parser admits only UTF-8: other bytes cannot reach the engine
  // from a template (values made at run time, e.g. by base64ToString, still can; the oracle sees those).
  try {
    (void)json(expr).dump();
  } catch (const json::exception&) {
    return 0;
  }
  fuzz::expect_template_answer(expr, [&] {
    json v = evaluate(plan, expr, resolver);
    fuzz::expect_storable(v, expr);
  });
  stub.calls.clear();
  return 0;
}
