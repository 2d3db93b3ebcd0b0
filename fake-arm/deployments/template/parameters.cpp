// Parameter binding. Defaults are evaluated lazily in declaration-independent order so a default
// may use parameters('other'); a cycle between defaults is reported as an invalid parameter.
#include "fake-arm/deployments/template/parameters.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/deployments/template/expression_error.hpp"
#include "fake-arm/deployments/template/expression_evaluator.hpp"
#include "fake-arm/deployments/template/function_table.hpp"
#include "fake-arm/deployments/template/plan_context.hpp"
#include "fake-arm/deployments/template/template_errors.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace azemu::arm::tmpl {
namespace {

using nlohmann::json;

struct TypeInfo {
  const char* canonical;  // as deployments report it
  const char* expected;   // as ARM's type-mismatch message names it
};

std::optional<TypeInfo> type_info(const std::string& t) {
  static const std::map<std::string, TypeInfo> kTypes = {
      {"string", {"String", "String, Uri"}},       {"securestring", {"SecureString", "String, Uri"}},
      {"int", {"Int", "Integer"}},                 {"bool", {"Bool", "Boolean"}},
      {"object", {"Object", "Object"}},            {"secureobject", {"SecureObject", "Object"}},
      {"array", {"Array", "Array"}}};
  auto it = kTypes.find(text::to_lower(t));
  if (it == kTypes.end()) return std::nullopt;
  return it->second;
}

bool type_matches(const std::string& canonical, const json& v) {
  if (canonical == "String" || canonical == "SecureString") return v.is_string();
  if (canonical == "Int") return v.is_number_integer();
  if (canonical == "Bool") return v.is_boolean();
  if (canonical == "Object" || canonical == "SecureObject") return v.is_object();
  return v.is_array();
}

std::int64_t text_length(const json& v) {
  if (v.is_array()) return static_cast<std::int64_t>(v.size());
  std::int64_t n = 0;
  for (unsigned char c : v.get_ref<const std::string&>())
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string joined(const json& values) {
  std::string s;
  for (const auto& v : values) s += (s.empty() ? "" : ",") + to_arm_string(v);
  return s;
}

class Binder {
public:
  Binder(Plan::State& st, const json& decls) : st_(st), decls_(decls) {}

  json value_of(const std::string& declared_name) {
    if (auto it = done_.find(declared_name); it != done_.end()) return it->second;
    if (!in_progress_.insert(declared_name).second)
      throw errors::parameter_definition_invalid(declared_name, "its default value refers to itself through parameters()");
    json v = bind(declared_name, decls_[declared_name]);
    in_progress_.erase(declared_name);
    done_[declared_name] = v;
    return v;
  }

  json provided;  // lower-case name → {"value": ...}

private:
  json bind(const std::string& name, const json& decl) {
    if (!decl.is_object()) throw errors::parameter_definition_invalid(name, "the declaration must be an object");
    const json* type = find_member(decl, "type");
    if (!type || !type->is_string()) throw errors::parameter_definition_invalid(name, "the property 'type' is required");
    auto info = type_info(type->get<std::string>());
    if (!info)
      throw errors::parameter_definition_invalid(
          name, "the type '" + type->get<std::string>() +
                    "' is not supported; use one of 'string, securestring, int, bool, object, secureObject, array'");
    st_.parameter_types[name] = info->canonical;

    json value;
    auto p = provided.find(text::to_lower(name));
    if (p != provided.end()) {
      const json& entry = *p;
      if (!entry.is_object() || !entry.contains("value")) {
        if (entry.is_object() && entry.contains("reference"))
          // Key Vault references are resolved by the deployments service before the engine runs.
          throw errors::parameter_definition_invalid(name, "Key Vault parameter references must be resolved before template evaluation");
        throw errors::parameter_not_provided(name);
      }
      value = entry["value"];
    } else if (const json* def = find_member(decl, "defaultValue")) {
      EvalContext ctx = plan_context(st_, nullptr);
      ctx.parameter = [this](const std::string& other) {
        for (auto it = decls_.begin(); it != decls_.end(); ++it)
          if (text::iequals(it.key(), other)) return value_of(it.key());
        return lookup_parameter(json::object(), other);  // throws "not found"
      };
      ctx.variable = nullptr;  // ARM: variables() is not allowed in parameter defaults
      ctx.in_parameter_default = true;
      ctx.location_kind = "parameter";
      try {
        value = evaluate_value(*def, ctx, "parameters." + name + ".defaultValue");
      } catch (const ExpressionError& e) {
        throw errors::section_invalid("parameter", name, e);
      }
    } else {
      throw errors::parameter_not_provided(name);
    }
    check(name, decl, *info, value);
    return value;
  }

  void check(const std::string& name, const json& decl, const TypeInfo& info, const json& v) {
    if (!type_matches(info.canonical, v)) throw errors::parameter_type_mismatch(name, info.expected, arm_type_name(v));
    if (const json* allowed = find_member(decl, "allowedValues"); allowed && allowed->is_array()) {
      auto ok = [&](const json& x) { return std::find(allowed->begin(), allowed->end(), x) != allowed->end(); };
      bool all = v.is_array() ? std::all_of(v.begin(), v.end(), ok) : ok(v);
      if (!all) throw errors::parameter_not_allowed_value(name, v.is_string() ? v.get<std::string>() : v.dump(), joined(*allowed));
    }
    if (v.is_number_integer()) {
      auto n = v.get<std::int64_t>();
      if (const json* m = find_member(decl, "minValue"); m && m->is_number_integer() && n < m->get<std::int64_t>())
        throw errors::parameter_constraint(name, "Value should be greater than or equal to '" + m->dump() + "'.");
      if (const json* m = find_member(decl, "maxValue"); m && m->is_number_integer() && n > m->get<std::int64_t>())
        throw errors::parameter_constraint(name, "Value should be less than or equal to '" + m->dump() + "'.");
    }
    if (v.is_string() || v.is_array()) {
      auto len = text_length(v);
      if (const json* m = find_member(decl, "minLength"); m && m->is_number_integer() && len < m->get<std::int64_t>())
        throw errors::parameter_constraint(name, "Length of the value should be greater than or equal to '" + m->dump() + "'.");
      if (const json* m = find_member(decl, "maxLength"); m && m->is_number_integer() && len > m->get<std::int64_t>())
        throw errors::parameter_constraint(name, "Length of the value should be less than or equal to '" + m->dump() + "'.");
    }
  }

  Plan::State& st_;
  const json& decls_;
  std::map<std::string, json> done_;
  std::set<std::string> in_progress_;
};

}  // namespace

void bind_parameters(Plan::State& state, const json& declarations, const json& provided) {
  json decls = declarations.is_null() ? json::object() : declarations;
  if (!decls.is_object()) throw errors::validation_failed("The template property 'parameters' must be an object.");
  json given = provided.is_null() ? json::object() : provided;
  if (!given.is_object()) throw errors::validation_failed("The deployment parameters must be an object.");

  Binder binder(state, decls);
  binder.provided = json::object();
  std::string unknown;
  for (auto it = given.begin(); it != given.end(); ++it) {
    bool declared = find_member(decls, it.key()) != nullptr;
    if (!declared) unknown += (unknown.empty() ? "" : ", ") + it.key();
    binder.provided[text::to_lower(it.key())] = it.value();
  }
  if (!unknown.empty()) {
    std::string supported;
    for (auto it = decls.begin(); it != decls.end(); ++it) supported += (supported.empty() ? "" : ", ") + it.key();
    throw errors::parameters_not_in_template(unknown, supported);
  }
  for (auto it = decls.begin(); it != decls.end(); ++it) {
    json v = binder.value_of(it.key());
    state.parameter_values[it.key()] = v;
    std::string type = state.parameter_types[it.key()].get<std::string>();
    json entry = {{"type", type}};
    // Secure values are never echoed back (deployment GET shows only the type).
    if (type != "SecureString" && type != "SecureObject") entry["value"] = v;
    state.parameters_report[it.key()] = entry;
  }
}

}  // namespace azemu::arm::tmpl
