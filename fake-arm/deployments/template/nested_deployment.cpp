// See nested_deployment.hpp.
#include "fake-arm/deployments/template/nested_deployment.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/deployments/template/function_table.hpp"

namespace azemu::arm::tmpl {
namespace {

using nlohmann::json;

// A value that must survive one more round of template evaluation unchanged: strings that look
// like expressions get ARM's "[[" escape; property `copy` arrays are not re-expanded because the
// parent already expanded them (evaluated values no longer contain them).
json escaped(const json& v) {
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (s.size() >= 2 && s.front() == '[' && s.back() == ']') return "[" + s;
    return v;
  }
  if (v.is_array()) {
    json out = json::array();
    for (const json& e : v) out.push_back(escaped(e));
    return out;
  }
  if (v.is_object()) {
    json out = json::object();
    for (auto it = v.begin(); it != v.end(); ++it) out[it.key()] = escaped(*it);
    return out;
  }
  return v;
}

}  // namespace

bool is_nested_deployment(const PlannedResource& r) { return text::iequals(r.type, "Microsoft.Resources/deployments"); }

bool has_inner_scope(const json& def) {
  const json* props = find_member(def, "properties");
  const json* opts = props ? find_member(*props, "expressionEvaluationOptions") : nullptr;
  const json* scope = opts ? find_member(*opts, "scope") : nullptr;
  return scope && scope->is_string() && text::iequals(scope->get<std::string>(), "inner");
}

json outer_scope_template(const Plan::State& parent, const json& inner) {
  json t = inner.is_object() ? inner : json::object();
  json params = json::object();
  for (auto it = parent.parameter_values.begin(); it != parent.parameter_values.end(); ++it) {
    std::string type = parent.parameter_types.contains(it.key()) ? parent.parameter_types[it.key()].get<std::string>() : "Object";
    params[it.key()] = {{"type", type}, {"defaultValue", escaped(*it)}};
  }
  json vars = json::object();
  for (auto it = parent.variable_values.begin(); it != parent.variable_values.end(); ++it) vars[it.key()] = escaped(*it);
  t["parameters"] = std::move(params);
  t["variables"] = std::move(vars);
  return t;
}

}  // namespace azemu::arm::tmpl
