// Template limits; see template_limits.hpp. The walks here are iterative on purpose: they run
// before anything else looks at a value, so they must not be the recursion they guard against.
#include "fake-arm/deployments/template/template_limits.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/deployments/template/expression_error.hpp"
#include "fake-arm/deployments/template/expression_parser.hpp"
#include "fake-arm/deployments/template/function_table.hpp"
#include "fake-arm/deployments/template/template_errors.hpp"

#include <utility>
#include <vector>

namespace azemu::arm::tmpl {

using nlohmann::json;

bool deeper_than(const json& value, int max_depth) {
  std::vector<std::pair<const json*, int>> todo{{&value, 0}};
  while (!todo.empty()) {
    auto [v, depth] = todo.back();
    todo.pop_back();
    if (!v->is_structured()) continue;
    if (depth + 1 > max_depth) return true;
    for (const json& child : *v) todo.emplace_back(&child, depth + 1);
  }
  return false;
}

bool larger_than(const json& value, std::size_t limit) {
  std::size_t total = 0;
  std::vector<const json*> todo{&value};
  while (!todo.empty()) {
    const json* v = todo.back();
    todo.pop_back();
    if (v->is_string()) total += v->get_ref<const std::string&>().size();
    if (v->is_object())
      for (auto it = v->begin(); it != v->end(); ++it) total += it.key().size();
    if (v->is_structured()) {
      total += v->size();
      for (const json& child : *v) todo.push_back(&child);
    }
    if (total > limit) return true;
  }
  return false;
}

json parse_json_bounded(std::string_view text, int max_depth) {
  bool too_deep = false;
  // The parser itself keeps its own stack; the callback stops it before a deep value exists.
  json::parser_callback_t guard = [&](int depth, json::parse_event_t event, json&) {
    if ((event == json::parse_event_t::object_start || event == json::parse_event_t::array_start) &&
        depth >= max_depth)
      too_deep = true;
    return !too_deep;
  };
  json out = json::parse(text.begin(), text.end(), guard, false);
  if (too_deep) return json(json::value_t::discarded);
  return out;
}

void check_template_size(const json& template_json) {
  if (deeper_than(template_json, kMaxJsonDepth))
    throw errors::validation_failed("The template is nested more than '" + std::to_string(kMaxJsonDepth) +
                                    "' levels deep. Please see https://aka.ms/arm-template for usage details.");
  // replace: a string made at run time may hold bytes that are not UTF-8; size is all we need.
  std::size_t bytes = template_json.dump(-1, ' ', false, json::error_handler_t::replace).size();
  if (bytes > kMaxTemplateBytes)
    throw errors::validation_failed("The template size '" + std::to_string(bytes) +
                                    "' bytes exceeds the maximum size of '" + std::to_string(kMaxTemplateBytes) +
                                    "' bytes (4 MB). Please see https://aka.ms/arm-template-best-practices for usage details.");
}

namespace {

bool is_deployment_resource(const json& v) {
  const json* type = find_member(v, "type");
  return type && type->is_string() && text::iequals(type->get_ref<const std::string&>(), "Microsoft.Resources/deployments");
}

void check_strings(const json& v, const std::string& path, bool deployment_properties) {
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    auto body = expression_body(s);
    if (!body) return;
    try {
      parse_expression(*body);
    } catch (ExpressionError& e) {
      e.set_expression(s);
      e.set_path(path);
      throw errors::validation_failed("The template language expression " + e.located() + " is not valid: " + e.message());
    }
  } else if (v.is_array()) {
    for (std::size_t i = 0; i < v.size(); ++i) check_strings(v[i], path + "[" + std::to_string(i) + "]", false);
  } else if (v.is_object()) {
    const bool deployment = is_deployment_resource(v);
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (deployment_properties && text::iequals(it.key(), "template")) continue;  // its own deployment checks it
      check_strings(*it, path.empty() ? it.key() : path + "." + it.key(), deployment && text::iequals(it.key(), "properties"));
    }
  }
}

thread_local int evaluation_depth = 0;

}  // namespace

void check_expression_syntax(const json& template_json) { check_strings(template_json, "", false); }

EvaluationDepth::EvaluationDepth() {
  if (evaluation_depth >= kMaxEvaluationDepth)
    throw ExpressionError("The template language expressions are nested more than '" +
                          std::to_string(kMaxEvaluationDepth) +
                          "' levels deep (for example a long chain of variables that reference each other).");
  ++evaluation_depth;
}

EvaluationDepth::~EvaluationDepth() { --evaluation_depth; }

}  // namespace azemu::arm::tmpl
