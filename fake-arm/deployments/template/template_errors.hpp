// Every TemplateError the engine raises, in Azure's words, in one place. Codes:
//   InvalidTemplate                     validation (syntax, functions, parameters, dependsOn, cycles)
//                                       and runtime expression failures in resource bodies
//   DeploymentOutputEvaluationFailed    outputs
// Azure's messages cite "line 'L' and column 'C'"; ours cite the JSON path and expression position.
#pragma once

#include "fake-arm/deployments/template/expression_error.hpp"
#include "fake-arm/deployments/template/template_engine.hpp"

#include <string>

namespace azemu::arm::tmpl::errors {

/// "Deployment template validation failed: '<inner>'" (InvalidTemplate).
TemplateError validation_failed(const std::string& inner);
/// An expression inside resource `name` failed while preparing the plan.
TemplateError resource_invalid(const std::string& name, const ExpressionError& e);
/// An expression in a parameter default, variable or other top-level section failed.
TemplateError section_invalid(const std::string& what, const std::string& name, const ExpressionError& e);
/// An expression failed while evaluating a resource body during the deployment.
TemplateError resource_evaluation_failed(const std::string& resource_id, const ExpressionError& e);
/// An output could not be evaluated (DeploymentOutputEvaluationFailed).
TemplateError output_failed(const std::string& name, const std::string& why);

TemplateError circular_dependency(const std::string& resource_id);
TemplateError resource_not_defined(const std::string& reference, const std::string& path);
TemplateError resource_defined_multiple_times(const std::string& symbolic, const std::string& path);

// ---- parameters ----
TemplateError parameter_not_provided(const std::string& name);
TemplateError parameters_not_in_template(const std::string& names, const std::string& supported);
TemplateError parameter_type_mismatch(const std::string& name, const std::string& expected, const std::string& actual);
TemplateError parameter_not_allowed_value(const std::string& name, const std::string& value, const std::string& allowed);
TemplateError parameter_constraint(const std::string& name, const std::string& rule);
TemplateError parameter_definition_invalid(const std::string& name, const std::string& why);

}  // namespace azemu::arm::tmpl::errors
