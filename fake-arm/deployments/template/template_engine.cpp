// The engine's public functions: prepare() runs the phases in ARM's order (parameters →
// variables → resources → dependencies); evaluate_resource()/evaluate_outputs() run late, during
// the deployment, with the caller's Resolver. Each phase lives in its own file.
#include "fake-arm/deployments/template/template_engine.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/deployments/template/dependency_graph.hpp"
#include "fake-arm/deployments/template/expression_error.hpp"
#include "fake-arm/deployments/template/expression_evaluator.hpp"
#include "fake-arm/deployments/template/function_table.hpp"
#include "fake-arm/deployments/template/nested_deployment.hpp"
#include "fake-arm/deployments/template/outputs.hpp"
#include "fake-arm/deployments/template/parameters.hpp"
#include "fake-arm/deployments/template/plan_context.hpp"
#include "fake-arm/deployments/template/plan_state.hpp"
#include "fake-arm/deployments/template/resource_expansion.hpp"
#include "fake-arm/deployments/template/template_errors.hpp"
#include "fake-arm/deployments/template/template_limits.hpp"
#include "fake-arm/deployments/template/variables.hpp"

namespace azemu::arm::tmpl {

using nlohmann::json;

const std::vector<PlannedResource>& Plan::resources() const { return s_->resources; }
const std::vector<std::vector<std::size_t>>& Plan::waves() const { return s_->waves; }
const json& Plan::parameters() const { return s_->parameters_report; }
const json& Plan::template_json() const { return s_->template_json; }

namespace {

const json kEmpty = nullptr;

const json& section(const json& t, const char* name) {
  const json* v = find_member(t, name);
  return v ? *v : kEmpty;
}

void check_unsupported_sections(const json& t) {
  // User-defined functions need a namespace-aware function table; reject rather than mis-evaluate.
  if (const json* f = find_member(t, "functions"); f && f->is_array() && !f->empty())
    throw errors::validation_failed("The template property 'functions' (user-defined functions) is not supported by this emulator.");
}

// Keys that steer the template engine and are not part of the resource body ARM sends to the
// resource provider.
bool template_only_key(const std::string& k) {
  for (const char* t : {"type", "name", "apiVersion", "dependsOn", "copy", "condition", "comments", "resources", "scope",
                        "resourceGroup", "subscriptionId"})
    if (text::iequals(k, t)) return true;
  return false;
}

}  // namespace

Plan prepare(const json& template_json, const json& parameters, const DeploymentScope& scope) {
  if (!template_json.is_object()) throw errors::validation_failed("The template must be a JSON object.");
  check_template_size(template_json);
  check_expression_syntax(template_json);
  check_unsupported_sections(template_json);
  auto st = std::make_shared<Plan::State>();
  st->template_json = template_json;
  st->scope = scope;
  bind_parameters(*st, section(template_json, "parameters"), parameters);
  evaluate_variables(*st, section(template_json, "variables"));
  expand_resources(*st, section(template_json, "resources"));
  resolve_dependencies(*st);
  return Plan(std::move(st));
}

json evaluate_resource(const Plan& plan, std::size_t index, const Resolver& resolver) {
  const Plan::State& st = plan.state();
  const PlannedResource& r = st.resources.at(index);
  json def = st.instances[index].definition;
  std::optional<json> raw_template;
  bool nested = is_nested_deployment(r);
  if (nested) {
    if (json* props = def.contains("properties") ? &def["properties"] : nullptr; props && props->is_object()) {
      for (auto it = props->begin(); it != props->end(); ++it)
        if (text::iequals(it.key(), "template")) {
          raw_template = *it;
          props->erase(it);
          break;
        }
    }
  }
  json body = json::object();
  EvalContext ctx = resource_context(st, index, &resolver);
  try {
    for (auto it = def.begin(); it != def.end(); ++it) {
      if (template_only_key(it.key())) continue;
      body[it.key()] = evaluate_value(*it, ctx, r.template_path + "." + it.key());
    }
  } catch (const ExpressionError& e) {
    throw errors::resource_evaluation_failed(r.resource_id, e);
  }
  if (raw_template) {
    json& props = body["properties"];
    props["template"] = has_inner_scope(st.instances[index].definition) ? *raw_template : outer_scope_template(st, *raw_template);
  }
  return body;
}

json evaluate_outputs(const Plan& plan, const Resolver& resolver) { return evaluate_template_outputs(plan.state(), resolver); }

json evaluate(const Plan& plan, const json& value, const Resolver& resolver) {
  EvalContext ctx = plan_context(plan.state(), &resolver);
  try {
    return evaluate_value(value, ctx, "");
  } catch (const ExpressionError& e) {
    throw errors::validation_failed("The template expression " + e.located() + " is not valid: " + e.message());
  }
}

}  // namespace azemu::arm::tmpl
