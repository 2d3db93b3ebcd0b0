// FunctionTable and the shared argument checks. Azure's messages for bad arguments follow the
// pattern "Unable to evaluate template language function '<name>': <why>." (Observed in ARM
// InvalidTemplate errors.)
#include "fake-arm/deployments/template/function_table.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/deployments/template/expression_error.hpp"

namespace azemu::arm::tmpl {

void FunctionTable::add(const std::string& name, Function f) { by_lower_name_[text::to_lower(name)] = std::move(f); }

const Function* FunctionTable::find(const std::string& name) const {
  auto it = by_lower_name_.find(text::to_lower(name));
  return it == by_lower_name_.end() ? nullptr : &it->second;
}

const FunctionTable& builtin_functions() {
  static const FunctionTable table = [] {
    FunctionTable t;
    register_string_functions(t);
    register_array_object_functions(t);
    register_logical_comparison_functions(t);
    register_numeric_functions(t);
    register_deployment_functions(t);
    register_date_functions(t);
    register_hash_functions(t);
    return t;
  }();
  return table;
}

void fail(const Call& c, const std::string& why) {
  throw ExpressionError("Unable to evaluate template language function '" + c.name + "': " + why);
}

void expect_args(const Call& c, std::size_t min, std::size_t max) {
  std::size_t n = c.args.size();
  if (n >= min && n <= max) return;
  std::string want = min == max ? "'" + std::to_string(min) + "'"
                     : max == SIZE_MAX ? "at least '" + std::to_string(min) + "'"
                                       : "between '" + std::to_string(min) + "' and '" + std::to_string(max) + "'";
  throw ExpressionError("The template language function '" + c.name + "' must have " + want +
                        " parameter(s); '" + std::to_string(n) + "' were given. Please see https://aka.ms/arm-functions for usage details.");
}

static std::string ordinal(std::size_t i) {
  static const char* names[] = {"first", "second", "third", "fourth", "fifth", "sixth"};
  return i < 6 ? names[i] : "#" + std::to_string(i + 1);
}

static void type_fail(const Call& c, std::size_t i, const char* expected) {
  fail(c, "the " + ordinal(i) + " parameter must be of type '" + expected + "' but was of type '" +
              arm_type_name(c.args[i]) + "'");
}

const std::string& arg_string(const Call& c, std::size_t i) {
  if (!c.args[i].is_string()) type_fail(c, i, "String");
  return c.args[i].get_ref<const std::string&>();
}

std::int64_t arg_int(const Call& c, std::size_t i) {
  const auto& v = c.args[i];
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number_float() && v.get<double>() == static_cast<double>(static_cast<std::int64_t>(v.get<double>())))
    return static_cast<std::int64_t>(v.get<double>());
  type_fail(c, i, "Integer");
  return 0;
}

bool arg_bool(const Call& c, std::size_t i) {
  if (!c.args[i].is_boolean()) type_fail(c, i, "Boolean");
  return c.args[i].get<bool>();
}

const nlohmann::json& arg_array(const Call& c, std::size_t i) {
  if (!c.args[i].is_array()) type_fail(c, i, "Array");
  return c.args[i];
}

const nlohmann::json& arg_object(const Call& c, std::size_t i) {
  if (!c.args[i].is_object()) type_fail(c, i, "Object");
  return c.args[i];
}

std::string arm_type_name(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::string: return "String";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return "Integer";
    case nlohmann::json::value_t::number_float: return "Float";
    case nlohmann::json::value_t::boolean: return "Boolean";
    case nlohmann::json::value_t::object: return "Object";
    case nlohmann::json::value_t::array: return "Array";
    default: return "Null";
  }
}

std::string to_arm_string(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "True" : "False";
  if (v.is_null()) return "";
  return v.dump();
}

const nlohmann::json* find_member(const nlohmann::json& object, const std::string& key) {
  if (!object.is_object()) return nullptr;
  if (auto it = object.find(key); it != object.end()) return &*it;
  for (auto it = object.begin(); it != object.end(); ++it)
    if (text::iequals(it.key(), key)) return &*it;
  return nullptr;
}

}  // namespace azemu::arm::tmpl
