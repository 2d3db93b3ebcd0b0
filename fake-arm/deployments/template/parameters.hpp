// Binds a deployment's parameter values to the template's parameter declarations: unknown names,
// missing values, default values (expressions allowed, including utcNow() and newGuid(), and
// parameters() of other parameters), types, allowedValues, minValue/maxValue, minLength/maxLength.
// Writes parameter_values, parameter_types and parameters_report of the state.
#pragma once

#include "fake-arm/deployments/template/plan_state.hpp"

namespace azemu::arm::tmpl {

/// `provided` is properties.parameters: {"name": {"value": ...}}. Throws TemplateError (InvalidTemplate).
void bind_parameters(Plan::State& state, const nlohmann::json& declarations, const nlohmann::json& provided);

}  // namespace azemu::arm::tmpl
