// fuzz_template_engine: a whole deployment template (JSON text, read as the Deployments API reads
// it) → prepare() (parameters, variables, copy loops, conditions, names, dependsOn graph, limits)
// → evaluate_resource() for every planned resource in wave order → evaluate_outputs(), with a
// reference() that answers for every resource the plan deployed before.
#include "fake-arm/deployments/deployment_model.hpp"
#include "tests/fake-arm/deployments/template/template_test_helpers.hpp"
#include "tests/fuzz/fake-arm/deployments/template/template_fuzz_support.hpp"

#include <cstdint>
#include <map>

namespace {
using namespace azemu;
using namespace azemu::arm::tmpl;
using nlohmann::json;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  json t;
  try {
    t = arm::parse_lenient_json(text);
  } catch (const std::exception&) {
    return 0;  // the handler answers InvalidRequestContent before the engine sees anything
  }
  if (!t.is_object()) return 0;
  json params = json::object();
  if (auto p = t.find("azemuFuzzParameters"); p != t.end() && p->is_object()) params = *p;  // seeds may pass values
  fuzz::expect_template_answer(text, [&] {
    Plan plan = prepare(t, params, testing::test_scope());
    std::map<std::string, json> deployed;
    Resolver resolver;
    resolver.reference = [&](const std::string& id, const std::string&, bool full) -> json {
      auto it = deployed.find(id);
      if (it == deployed.end()) throw TemplateError("ResourceNotFound", "The Resource '" + id + "' was not found.");
      return full ? it->second : it->second.value("properties", json::object());
    };
    for (const auto& wave : plan.waves())
      for (std::size_t i : wave) {
        if (!plan.resources()[i].condition) continue;
        json body = evaluate_resource(plan, i, resolver);
        fuzz::expect_storable(body, text);
        deployed[plan.resources()[i].resource_id] = body;
      }
    fuzz::expect_storable(evaluate_outputs(plan, resolver), text);
  });
  return 0;
}
