// The ARM template engine: turns a deployment template plus parameter values into a plan of
// concrete resources (names, ids, dependencies, evaluation order), and evaluates each resource's
// body and the outputs on demand — late, because `reference()` reads resources deployed earlier in
// the same deployment. Pure: no HTTP, no store; the deployments service (fake-arm/deployments/)
// drives it and supplies `reference()` through a resolver.
//
//   prepare(template, parameters, scope)   validate, parameters, variables, copy loops, conditions,
//        │                                  names/ids, dependsOn → graph (cycle → InvalidTemplate)
//        ▼
//   Plan{resources, waves}                  waves: sets of resources whose dependencies are done
//        │ for each resource, in wave order
//        ▼
//   evaluate_resource(plan, i, resolver)    the body to PUT (location, tags, sku, properties, ...)
//   evaluate_outputs(plan, resolver)        {"name": {"type": "String", "value": ...}}
//
// Errors are TemplateError with Azure's code (InvalidTemplate, InvalidTemplateDeployment,
// DeploymentOutputEvaluationFailed, ...) and a message naming the failing expression and its
// position ("The template resource 'x' at line '1' and column '2' is not valid: ...").
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace azemu::arm::tmpl {

class TemplateError : public std::runtime_error {
public:
  TemplateError(std::string code, std::string message, std::string target = {})
      : std::runtime_error(message), code_(std::move(code)), target_(std::move(target)) {}
  const std::string& code() const { return code_; }
  const std::string& target() const { return target_; }

private:
  std::string code_, target_;
};

/// Where the deployment runs: what resourceGroup(), subscription(), deployment() and resourceId()
/// answer. `resource_group` empty → subscription scope.
struct DeploymentScope {
  std::string tenant_id;
  std::string subscription_id;
  nlohmann::json subscription = nlohmann::json::object();    // {"id","subscriptionId","tenantId","displayName"}
  std::string resource_group;                                 // name, "" at subscription scope
  nlohmann::json resource_group_object = nlohmann::json::object();  // {"id","name","type","location","tags","properties"}
  std::string location;                                       // group location, or the deployment's at subscription scope
  std::string deployment_name;
  nlohmann::json deployment_properties = nlohmann::json::object();  // deployment().properties (templateLink etc.)
  std::int64_t now = 0;                                       // unix seconds: utcNow() and dateTimeAdd()
};

/// What the engine cannot know by itself.
struct Resolver {
  /// reference(idOrName, apiVersion, 'Full'): `resource_id` is a full id; `full` false → only the
  /// properties object. Throws TemplateError (ResourceNotFound) when the resource does not exist.
  std::function<nlohmann::json(const std::string& resource_id, const std::string& api_version, bool full)> reference;
  /// list*(resourceId, apiVersion) (listKeys, ...). Optional; null → InvalidTemplate "not supported".
  std::function<nlohmann::json(const std::string& resource_id, const std::string& function_name,
                               const std::string& api_version)> list;
};

struct PlannedResource {
  std::string type;          // "Microsoft.Network/virtualNetworks/subnets" as written
  std::string name;          // full name "vnet1/subnet1", evaluated
  std::string resource_id;   // "/subscriptions/.../resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/subnet1"
  std::string api_version;
  std::string symbolic;      // "<type>/<name>" with its copy index: unique key used in messages
  bool condition = true;     // false: skipped (still listed, provisioningState of the operation is not run)
  std::vector<std::size_t> depends_on;  // indexes into Plan::resources
  // Template position for error messages (the resource's index path in the template, e.g. "resources[2]").
  std::string template_path;
};

class Plan {
public:
  const std::vector<PlannedResource>& resources() const;
  /// Evaluation order: every resource appears once, after everything it depends on (serial copy
  /// loops chain their members). Resources in one wave may be deployed in parallel.
  const std::vector<std::vector<std::size_t>>& waves() const;
  /// Parameters as the deployment reports them: {"name": {"type": "String", "value": ...}};
  /// securestring/secureObject values are omitted (never echoed).
  const nlohmann::json& parameters() const;
  /// Whole evaluated-where-possible template (for exportTemplate: the original template as given).
  const nlohmann::json& template_json() const;

  struct State;  // implementation
  explicit Plan(std::shared_ptr<const State> s) : s_(std::move(s)) {}
  const State& state() const { return *s_; }

private:
  std::shared_ptr<const State> s_;
};

/// Validates the template and the parameter values (`parameters` is the deployment's
/// properties.parameters: {"name": {"value": ...}} — a missing required parameter, a value of the wrong
/// type, outside allowedValues or min/max → InvalidTemplate / InvalidTemplateDeployment as Azure
/// says), evaluates variables, expands copy loops (resources, properties and variables), evaluates
/// conditions, names and dependsOn (short "type/name" and full ids; unknown → InvalidTemplate
/// "The resource '...' is not defined in the template."), and orders the graph (cycle → InvalidTemplate
/// "Deployment template validation failed: 'Circular dependency detected on resource: ...'").
Plan prepare(const nlohmann::json& template_json, const nlohmann::json& parameters, const DeploymentScope& scope);

/// The body to PUT for plan.resources()[index]: every template expression evaluated (reference()
/// through `resolver`), template-only keys removed (type, name, apiVersion, dependsOn, copy,
/// condition, comments, resources). A nested Microsoft.Resources/deployments body keeps its inner
/// "template" unevaluated when expressionEvaluationOptions.scope is "inner".
nlohmann::json evaluate_resource(const Plan& plan, std::size_t index, const Resolver& resolver);

/// The template's outputs: {"name": {"type": "<Type as declared, canonical case>", "value": ...}}.
nlohmann::json evaluate_outputs(const Plan& plan, const Resolver& resolver);

/// Evaluates one expression string ("[concat('a', 'b')]" or a plain string) in the plan's context;
/// for tests and for nested deployments with outer scope.
nlohmann::json evaluate(const Plan& plan, const nlohmann::json& value, const Resolver& resolver);

}  // namespace azemu::arm::tmpl
