// The registry of template functions (name → implementation, names case-insensitive) and the small
// argument helpers every function family uses so their error messages read the same.
// Each functions_*.cpp registers its family in one register_* function; builtin_functions() builds
// the table once.
#pragma once

#include "fake-arm/deployments/template/eval_context.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace azemu::arm::tmpl {

struct Call {
  const std::string& name;  // as written in the template, for messages
  std::vector<nlohmann::json>& args;
  const EvalContext& ctx;
};

using Function = std::function<nlohmann::json(Call&)>;

class FunctionTable {
public:
  void add(const std::string& name, Function f);
  /// nullptr when there is no such function (lookup ignores case).
  const Function* find(const std::string& name) const;

private:
  std::unordered_map<std::string, Function> by_lower_name_;
};

const FunctionTable& builtin_functions();

void register_string_functions(FunctionTable&);
void register_array_object_functions(FunctionTable&);
void register_logical_comparison_functions(FunctionTable&);
void register_numeric_functions(FunctionTable&);
void register_deployment_functions(FunctionTable&);
void register_date_functions(FunctionTable&);
void register_hash_functions(FunctionTable&);

// ---- argument helpers: throw ExpressionError naming the function ----
void expect_args(const Call& c, std::size_t min, std::size_t max);
[[noreturn]] void fail(const Call& c, const std::string& why);
const std::string& arg_string(const Call& c, std::size_t i);
std::int64_t arg_int(const Call& c, std::size_t i);
bool arg_bool(const Call& c, std::size_t i);
const nlohmann::json& arg_array(const Call& c, std::size_t i);
const nlohmann::json& arg_object(const Call& c, std::size_t i);

/// ARM's name for a JSON value's type in messages: "String", "Integer", "Boolean", "Object", "Array", "Null".
std::string arm_type_name(const nlohmann::json& v);
/// string(): strings as-is, booleans "True"/"False" (.NET), null "", numbers decimal, objects and
/// arrays as compact JSON.
std::string to_arm_string(const nlohmann::json& v);
/// Case-insensitive member lookup (ARM property names ignore case on access); nullptr if absent.
const nlohmann::json* find_member(const nlohmann::json& object, const std::string& key);

}  // namespace azemu::arm::tmpl
