// See outputs.hpp. Any failure, including a resolver's ResourceNotFound, becomes
// DeploymentOutputEvaluationFailed naming the output, as ARM reports output failures.
#include "fake-arm/deployments/template/outputs.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/deployments/template/expression_error.hpp"
#include "fake-arm/deployments/template/expression_evaluator.hpp"
#include "fake-arm/deployments/template/function_table.hpp"
#include "fake-arm/deployments/template/plan_context.hpp"
#include "fake-arm/deployments/template/template_errors.hpp"

#include <map>

namespace azemu::arm::tmpl {
namespace {

using nlohmann::json;

std::optional<std::string> canonical_output_type(const std::string& t) {
  static const std::map<std::string, std::string> kTypes = {
      {"string", "String"}, {"securestring", "SecureString"}, {"int", "Int"},   {"bool", "Bool"},
      {"object", "Object"}, {"secureobject", "SecureObject"}, {"array", "Array"}};
  auto it = kTypes.find(text::to_lower(t));
  if (it == kTypes.end()) return std::nullopt;
  return it->second;
}

bool matches(const std::string& type, const json& v) {
  if (type == "String" || type == "SecureString") return v.is_string();
  if (type == "Int") return v.is_number_integer();
  if (type == "Bool") return v.is_boolean();
  if (type == "Object" || type == "SecureObject") return v.is_object();
  return v.is_array();
}

const char* expected_name(const std::string& type) {
  if (type == "String" || type == "SecureString") return "String";
  if (type == "Int") return "Integer";
  if (type == "Bool") return "Boolean";
  if (type == "Object" || type == "SecureObject") return "Object";
  return "Array";
}

}  // namespace

json evaluate_template_outputs(const Plan::State& st, const Resolver& resolver) {
  json out = json::object();
  const json* outputs = find_member(st.template_json, "outputs");
  if (!outputs || outputs->is_null()) return out;
  if (!outputs->is_object()) throw errors::validation_failed("The template property 'outputs' must be an object.");
  for (auto it = outputs->begin(); it != outputs->end(); ++it) {
    const std::string& name = it.key();
    const json& decl = *it;
    std::string path = "outputs." + name;
    try {
      const json* type_v = find_member(decl, "type");
      auto type = type_v && type_v->is_string() ? canonical_output_type(type_v->get<std::string>()) : std::nullopt;
      if (!type) throw ExpressionError("The output must declare a 'type' of string, securestring, int, bool, object, secureObject or array.");
      EvalContext ctx = plan_context(st, &resolver);
      ctx.location_kind = "output";
      if (const json* cond = find_member(decl, "condition")) {
        json c = evaluate_value(*cond, ctx, path + ".condition");
        if (!c.is_boolean()) throw ExpressionError("The output condition must evaluate to a boolean.");
        if (!c.get<bool>()) continue;
      }
      json value;
      if (const json* copy = find_member(decl, "copy")) {
        const json* count = find_member(*copy, "count");
        const json* input = find_member(*copy, "input");
        if (!count || !input) throw ExpressionError("The output copy needs 'count' and 'input'.");
        std::int64_t n = evaluate_copy_count(*count, ctx, path + ".copy.count");
        value = json::array();
        for (std::int64_t i = 0; i < n; ++i) {
          ctx.default_loop = i;
          value.push_back(evaluate_value(*input, ctx, path + ".copy.input"));
        }
        ctx.default_loop.reset();
      } else {
        const json* v = find_member(decl, "value");
        if (!v) throw ExpressionError("The output must have a 'value' or a 'copy'.");
        value = evaluate_value(*v, ctx, path + ".value");
      }
      if (!matches(*type, value))
        throw ExpressionError("Template output JToken type is not valid. Expected '" + std::string(expected_name(*type)) +
                              "'. Actual '" + arm_type_name(value) + "'.");
      json entry = {{"type", *type}};
      if (*type != "SecureString" && *type != "SecureObject") entry["value"] = std::move(value);
      out[name] = std::move(entry);
    } catch (const ExpressionError& e) {
      throw errors::output_failed(name, e.message() + " (" + e.located() + ")");
    } catch (const TemplateError& e) {
      throw errors::output_failed(name, e.code() + ": " + e.what());
    }
  }
  return out;
}

}  // namespace azemu::arm::tmpl
