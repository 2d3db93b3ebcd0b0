// Shared helpers for the template engine tests: a fixed deployment scope, a one-line expression
// evaluator over a tiny template, and error capture.
#pragma once

#include "fake-arm/deployments/template/template_engine.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <string>

namespace azemu::arm::tmpl::testing {

inline const char* kSub = "00000000-0000-0000-0000-000000000001";

inline DeploymentScope test_scope() {
  DeploymentScope s;
  s.tenant_id = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  s.subscription_id = kSub;
  s.subscription = {{"id", std::string("/subscriptions/") + kSub}, {"subscriptionId", kSub}, {"tenantId", s.tenant_id},
                    {"displayName", "Emulated"}};
  s.resource_group = "rg1";
  s.resource_group_object = {{"id", std::string("/subscriptions/") + kSub + "/resourceGroups/rg1"},
                             {"name", "rg1"},
                             {"type", "Microsoft.Resources/resourceGroups"},
                             {"location", "westus"},
                             {"properties", {{"provisioningState", "Succeeded"}}}};
  s.location = "westus";
  s.deployment_name = "dep1";
  s.now = 1586271194;  // 2020-04-07T14:53:14Z
  return s;
}

inline std::string rg_prefix() { return std::string("/subscriptions/") + kSub + "/resourceGroups/rg1"; }

/// A resolver whose reference() serves `resources` (id → full resource JSON) and records calls.
struct StubResolver {
  std::map<std::string, nlohmann::json> resources;
  std::vector<std::string> calls;
  Resolver resolver() {
    Resolver r;
    r.reference = [this](const std::string& id, const std::string& api, bool full) -> nlohmann::json {
      calls.push_back(id + "|" + api + "|" + (full ? "full" : "props"));
      auto it = resources.find(id);
      if (it == resources.end()) throw TemplateError("ResourceNotFound", "The Resource '" + id + "' was not found.");
      return full ? it->second : it->second.value("properties", nlohmann::json::object());
    };
    r.list = [this](const std::string& id, const std::string& fn, const std::string& api) -> nlohmann::json {
      calls.push_back(fn + ":" + id + "|" + api);
      return {{"keys", {{{"keyName", "key1"}, {"value", "secret-" + id.substr(id.rfind('/') + 1)}}}}};
    };
    return r;
  }
};

/// Evaluates `value` (usually "[expr]") in a template with the given parameters (declared from the
/// values' JSON types) and variables.
inline nlohmann::json eval(const nlohmann::json& value, const nlohmann::json& params = nlohmann::json::object(),
                           const nlohmann::json& variables = nlohmann::json::object()) {
  nlohmann::json decls = nlohmann::json::object(), values = nlohmann::json::object();
  for (auto it = params.begin(); it != params.end(); ++it) {
    const auto& v = *it;
    const char* type = v.is_string() ? "string" : v.is_boolean() ? "bool" : v.is_number_integer() ? "int" : v.is_array() ? "array" : "object";
    decls[it.key()] = {{"type", type}};
    values[it.key()] = {{"value", v}};
  }
  nlohmann::json t = {{"parameters", decls}, {"variables", variables}, {"resources", nlohmann::json::array()}};
  Plan plan = prepare(t, values, test_scope());
  StubResolver stub;
  return evaluate(plan, value, stub.resolver());
}

/// The TemplateError `f` throws ("" code when it does not throw).
inline TemplateError error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const TemplateError& e) {
    return e;
  }
  return TemplateError("", "no error");
}

}  // namespace azemu::arm::tmpl::testing
