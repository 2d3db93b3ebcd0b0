// EvalContext: everything an expression may read while it is evaluated — the deployment scope,
// parameters, variables, the active copy loops, and (only where ARM allows it) reference() and
// list*() through the Resolver. Built by the phase that evaluates (parameters, variables, resource
// names, resource bodies, outputs); functions only read it.
#pragma once

#include "fake-arm/deployments/template/template_engine.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace azemu::arm::tmpl {

/// A resource of the template that reference('name') / dependsOn can point at by short name.
struct TemplateResourceRef {
  std::string resource_id;
  std::string api_version;
};

struct EvalContext {
  const DeploymentScope* scope = nullptr;
  /// parameters('x'), variables('x'): throw ExpressionError when unknown or not allowed here.
  std::function<nlohmann::json(const std::string& name)> parameter;
  std::function<nlohmann::json(const std::string& name)> variable;
  /// Active copy loops, outermost first: ("vmLoop", 2), ("dataDisks", 0). copyIndex('name') looks up
  /// by name (case-insensitively); copyIndex() reads `default_loop`.
  std::vector<std::pair<std::string, std::int64_t>> loops;
  std::optional<std::int64_t> default_loop;
  /// Null where ARM forbids reference()/list*() (parameters, variables, names, conditions, dependsOn).
  const Resolver* resolver = nullptr;
  /// reference('myStorage'): a resource declared in this template, by name (nullopt if none).
  std::function<std::optional<TemplateResourceRef>(const std::string& name)> template_resource;
  /// utcNow() and newGuid() are only valid in parameter default values.
  bool in_parameter_default = false;
  /// "Resource", "output", "variable", ... for messages like "not expected at this location".
  std::string location_kind;
};

}  // namespace azemu::arm::tmpl
