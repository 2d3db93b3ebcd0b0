// Azure's texts for template failures. Sources:
//   Observed (azure-quickstart-templates PR #1172 bot output): code InvalidTemplate, "Deployment
//   template validation failed: 'The provided value for the template parameter 'vmssName' at line
//   '50' and column '17' is not valid. Length of the value should be less than '9'. ...'"; newer
//   ARM says "less than or equal to" (vscode-azurearmtools #1350).
//   Observed (azure-quickstart-templates #5234): "The template parameters 'x' in the parameters file
//   are not valid; they are not present in the original template and can therefore not be provided
//   at deployment time. The only supported parameters for this template are '...'."
// ARM reports parameter value problems with code InvalidTemplate (not InvalidTemplateDeployment,
// which ARM uses for the preflight envelope), so that is what these return.
#include "fake-arm/deployments/template/template_errors.hpp"

namespace azemu::arm::tmpl::errors {
namespace {
const char* kInvalid = "InvalidTemplate";
const char* kParamHelp = " Please see https://aka.ms/arm-create-parameter-file for usage details.";
const char* kSyntaxHelp = " Please see https://aka.ms/arm-syntax-parameters for usage details.";
}  // namespace

TemplateError validation_failed(const std::string& inner) {
  return TemplateError(kInvalid, "Deployment template validation failed: '" + inner + "'");
}

TemplateError resource_invalid(const std::string& name, const ExpressionError& e) {
  return validation_failed("The template resource '" + name + "' " + e.located() + " is not valid: " + e.message());
}

TemplateError section_invalid(const std::string& what, const std::string& name, const ExpressionError& e) {
  return validation_failed("The template " + what + " '" + name + "' " + e.located() + " is not valid: " + e.message());
}

TemplateError resource_evaluation_failed(const std::string& resource_id, const ExpressionError& e) {
  // Observed: "Unable to process template language expressions for resource '<id>' at line '1' and
  // column '2'. '<inner>'"
  return TemplateError(kInvalid, "Unable to process template language expressions for resource '" + resource_id + "' " +
                                     e.located() + ". '" + e.message() + "'",
                       resource_id);
}

TemplateError output_failed(const std::string& name, const std::string& why) {
  // Observed: "Unable to evaluate template outputs: 'x'. Please see error details and deployment
  // operations. Please see https://aka.ms/arm-common-errors for usage details." (details carry the
  // cause; TemplateError has no details, so the cause is appended.)
  return TemplateError("DeploymentOutputEvaluationFailed",
                       "Unable to evaluate template outputs: '" + name +
                           "'. Please see error details and deployment operations. Please see "
                           "https://aka.ms/arm-common-errors for usage details. Details: " + why,
                       name);
}

TemplateError circular_dependency(const std::string& resource_id) {
  return validation_failed("Circular dependency detected on resource: '" + resource_id +
                           "'. Please see https://aka.ms/arm-syntax-resources for usage details.");
}

TemplateError resource_not_defined(const std::string& reference, const std::string& path) {
  return validation_failed("The resource '" + reference + "' at '" + path +
                           "' is not defined in the template. Please see https://aka.ms/arm-syntax for usage details.");
}

TemplateError resource_defined_multiple_times(const std::string& symbolic, const std::string& path) {
  return validation_failed("The resource '" + symbolic + "' at '" + path +
                           "' is defined multiple times in a template. Please see https://aka.ms/arm-syntax-resources for usage details.");
}

TemplateError parameter_not_provided(const std::string& name) {
  return validation_failed("The value for the template parameter '" + name + "' at 'parameters." + name +
                           "' is not provided." + kParamHelp);
}

TemplateError parameters_not_in_template(const std::string& names, const std::string& supported) {
  return validation_failed("The template parameters '" + names +
                           "' in the parameters file are not valid; they are not present in the original template and can "
                           "therefore not be provided at deployment time. The only supported parameters for this template are '" +
                           supported + "'. Please see https://aka.ms/arm-deploy/#parameter-file for usage details.");
}

TemplateError parameter_type_mismatch(const std::string& name, const std::string& expected, const std::string& actual) {
  // Observed: "Template parameter JToken type is not valid. Expected 'Integer'. Actual 'String'."
  return validation_failed("The provided value for the template parameter '" + name + "' at 'parameters." + name +
                           "' is not valid. Template parameter JToken type is not valid. Expected '" + expected +
                           "'. Actual '" + actual + "'." + kParamHelp);
}

TemplateError parameter_not_allowed_value(const std::string& name, const std::string& value, const std::string& allowed) {
  // Observed: "The provided value 'x' for the template parameter 'sku' at line .. is not valid. The
  // parameter value is not part of the allowed value(s): 'a,b'."
  return validation_failed("The provided value '" + value + "' for the template parameter '" + name + "' at 'parameters." +
                           name + "' is not valid. The parameter value is not part of the allowed value(s): '" + allowed +
                           "'." + kSyntaxHelp);
}

TemplateError parameter_constraint(const std::string& name, const std::string& rule) {
  return validation_failed("The provided value for the template parameter '" + name + "' at 'parameters." + name +
                           "' is not valid. " + rule + kSyntaxHelp);
}

TemplateError parameter_definition_invalid(const std::string& name, const std::string& why) {
  return validation_failed("The template parameter '" + name + "' at 'parameters." + name + "' is not valid: " + why +
                           kSyntaxHelp);
}

}  // namespace azemu::arm::tmpl::errors
