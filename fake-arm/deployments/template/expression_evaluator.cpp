// Tree-walking evaluator. `if` is evaluated lazily (only the taken branch), matching current ARM,
// so `if(empty(x), 'none', first(x))` does not fail on the untaken branch. Member access ignores
// case, as ARM does. Nesting is bounded by EvaluationDepth and every function result by
// kMaxValueSize (template_limits.hpp).
#include "fake-arm/deployments/template/expression_evaluator.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/deployments/template/expression_error.hpp"
#include "fake-arm/deployments/template/expression_parser.hpp"
#include "fake-arm/deployments/template/function_table.hpp"
#include "fake-arm/deployments/template/template_limits.hpp"

namespace azemu::arm::tmpl {
namespace {

using nlohmann::json;

std::string available_properties(const json& obj) {
  std::string s;
  for (auto it = obj.begin(); it != obj.end(); ++it) s += (s.empty() ? "" : ", ") + it.key();
  return s;
}

json access_property(const json& target, const std::string& name) {
  if (!target.is_object())
    throw ExpressionError("The language expression property '" + name + "' can't be evaluated, property name must be a string"
                          " accessed on an object; the value is of type '" + arm_type_name(target) + "'.");
  if (const json* v = find_member(target, name)) return *v;
  throw ExpressionError("The language expression property '" + name + "' doesn't exist, available properties are '" +
                        available_properties(target) + "'.");
}

json access_index(const json& target, const json& index) {
  if (index.is_string()) return access_property(target, index.get<std::string>());
  if (!index.is_number_integer())
    throw ExpressionError("The language expression property array index must be an integer or a string; it is of type '" +
                          arm_type_name(index) + "'.");
  if (!target.is_array())
    throw ExpressionError("The language expression property array index '" + index.dump() +
                          "' can't be applied: the value is of type '" + arm_type_name(target) + "', not 'Array'.");
  auto i = index.get<std::int64_t>();
  if (i < 0 || static_cast<std::size_t>(i) >= target.size())
    throw ExpressionError("The language expression property array index '" + std::to_string(i) + "' is out of bounds.");
  return target[static_cast<std::size_t>(i)];
}

json call(const Node& node, const EvalContext& ctx) {
  if (text::iequals(node.text, "if")) {
    if (node.args.size() != 3)
      throw ExpressionError("The template language function 'if' must have '3' parameter(s); '" +
                                std::to_string(node.args.size()) + "' were given. Please see https://aka.ms/arm-functions for usage details.",
                            node.position);
    json cond = evaluate_node(node.args[0], ctx);
    if (!cond.is_boolean())
      throw ExpressionError("Unable to evaluate template language function 'if': the first parameter must be of type 'Boolean' but was of type '" +
                                arm_type_name(cond) + "'",
                            node.args[0].position);
    return evaluate_node(node.args[cond.get<bool>() ? 1 : 2], ctx);
  }
  const FunctionTable& table = builtin_functions();
  const Function* f = table.find(node.text);
  if (!f && text::istarts_with(node.text, "list")) f = table.find("list*");  // listKeys, listSecrets, ...
  if (!f) throw ExpressionError(unknown_function_message(node.text), node.position);
  std::vector<json> args;
  args.reserve(node.args.size());
  for (const Node& a : node.args) args.push_back(evaluate_node(a, ctx));
  try {
    Call c{node.text, args, ctx};
    json result = (*f)(c);
    if (larger_than(result, kMaxValueSize))
      throw ExpressionError("The template language function '" + node.text + "' produced a value larger than '" +
                            std::to_string(kMaxValueSize) + "' bytes, the maximum size of a template.");
    return result;
  } catch (ExpressionError& e) {
    e.set_position(node.position);
    throw;
  }
}

}  // namespace

json evaluate_node(const Node& node, const EvalContext& ctx) {
  EvaluationDepth level;
  switch (node.kind) {
    case Node::Kind::String: return node.text;
    case Node::Kind::Integer: return node.number;
    case Node::Kind::Call: return call(node, ctx);
    case Node::Kind::Property:
      try {
        return access_property(evaluate_node(node.args[0], ctx), node.text);
      } catch (ExpressionError& e) {
        e.set_position(node.position);
        throw;
      }
    case Node::Kind::Index: {
      json target = evaluate_node(node.args[0], ctx);
      json index = evaluate_node(node.args[1], ctx);
      try {
        return access_index(target, index);
      } catch (ExpressionError& e) {
        e.set_position(node.position);
        throw;
      }
    }
  }
  return nullptr;
}

std::int64_t evaluate_copy_count(const json& count, const EvalContext& ctx, const std::string& path) {
  json v = evaluate_value(count, ctx, path);
  if (!v.is_number_integer())
    throw ExpressionError("The copy count must be an integer; the value is of type '" + arm_type_name(v) + "'.");
  auto n = v.get<std::int64_t>();
  if (n < 0 || n > kMaxCopyCount)
    throw ExpressionError("The copy count must be a non-negative integer not greater than '" + std::to_string(kMaxCopyCount) +
                          "'; it is '" + std::to_string(n) + "'.");
  return n;
}

namespace {

bool is_property_copy(const json& v) {
  if (!v.is_array() || v.empty()) return false;
  for (const json& e : v)
    if (!e.is_object() || !find_member(e, "input") || !find_member(e, "name")) return false;
  return true;
}

void expand_property_copy(const json& specs, json& out, const EvalContext& ctx, const std::string& path) {
  for (std::size_t k = 0; k < specs.size(); ++k) {
    const json& spec = specs[k];
    std::string at = path + ".copy[" + std::to_string(k) + "]";
    json name = evaluate_value(*find_member(spec, "name"), ctx, at + ".name");
    if (!name.is_string()) throw ExpressionError("The property copy name must be a string.");
    const json* count = find_member(spec, "count");
    if (!count) throw ExpressionError("The property copy '" + name.get<std::string>() + "' has no 'count'.");
    std::int64_t n = evaluate_copy_count(*count, ctx, at + ".count");
    json items = json::array();
    EvalContext inner = ctx;
    inner.loops.emplace_back(name.get<std::string>(), 0);
    for (std::int64_t i = 0; i < n; ++i) {
      inner.loops.back().second = i;
      items.push_back(evaluate_value(*find_member(spec, "input"), inner, at + ".input"));
    }
    out[name.get<std::string>()] = std::move(items);
  }
}

}  // namespace

json evaluate_value(const json& value, const EvalContext& ctx, const std::string& path) {
  try {
    if (value.is_string()) {
      const auto& s = value.get_ref<const std::string&>();
      auto body = expression_body(s);
      if (!body) return unescape_literal(s);
      try {
        return evaluate_node(parse_expression(*body), ctx);
      } catch (ExpressionError& e) {
        e.set_expression(s);
        throw;
      }
    }
    if (value.is_array()) {
      json out = json::array();
      for (std::size_t i = 0; i < value.size(); ++i)
        out.push_back(evaluate_value(value[i], ctx, path + "[" + std::to_string(i) + "]"));
      return out;
    }
    if (value.is_object()) {
      json out = json::object();
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (text::iequals(it.key(), "copy") && is_property_copy(it.value())) {
          expand_property_copy(it.value(), out, ctx, path);
          continue;
        }
        out[it.key()] = evaluate_value(it.value(), ctx, path.empty() ? it.key() : path + "." + it.key());
      }
      return out;
    }
    return value;
  } catch (ExpressionError& e) {
    e.set_path(path);
    throw;
  }
}

}  // namespace azemu::arm::tmpl
