// See plan_context.hpp.
#include "fake-arm/deployments/template/plan_context.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/deployments/template/expression_error.hpp"
#include "fake-arm/deployments/template/function_table.hpp"

namespace azemu::arm::tmpl {

nlohmann::json lookup_parameter(const nlohmann::json& values, const std::string& name) {
  if (const auto* v = find_member(values, name)) return *v;
  // Observed: "The template parameter 'x' is not found. Please see https://aka.ms/arm-syntax-parameters for usage details."
  throw ExpressionError("The template parameter '" + name +
                        "' is not found. Please see https://aka.ms/arm-syntax-parameters for usage details.");
}

nlohmann::json lookup_variable(const nlohmann::json& values, const std::string& name) {
  if (const auto* v = find_member(values, name)) return *v;
  throw ExpressionError("The template variable '" + name +
                        "' is not found. Please see https://aka.ms/arm-syntax-variables for usage details.");
}

EvalContext plan_context(const Plan::State& state, const Resolver* resolver) {
  EvalContext ctx;
  ctx.scope = &state.scope;
  ctx.parameter = [&state](const std::string& n) { return lookup_parameter(state.parameter_values, n); };
  ctx.variable = [&state](const std::string& n) { return lookup_variable(state.variable_values, n); };
  ctx.resolver = resolver;
  ctx.template_resource = [&state](const std::string& name) -> std::optional<TemplateResourceRef> {
    // reference('name') names a resource of this template by its (full) name, or by "type/name".
    for (const auto& r : state.resources)
      if (text::iequals(r.name, name) || text::iequals(r.symbolic, name))
        return TemplateResourceRef{r.resource_id, r.api_version};
    return std::nullopt;
  };
  return ctx;
}

EvalContext resource_context(const Plan::State& state, std::size_t index, const Resolver* resolver) {
  EvalContext ctx = plan_context(state, resolver);
  const ResourceInstance& inst = state.instances[index];
  ctx.loops = inst.loops;
  ctx.default_loop = inst.default_loop;
  ctx.location_kind = "resource";
  return ctx;
}

}  // namespace azemu::arm::tmpl
