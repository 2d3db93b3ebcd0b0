// Evaluates the template's variables into state.variable_values: each value through the
// evaluator (property `copy` inside values included), the top-level variable `copy` array
// ({"copy": [{"name": "disks", "count": 3, "input": ...}]} → variable "disks" is an array), and
// variables that use other variables in any order. reference()/list*() are not allowed here.
#pragma once

#include "fake-arm/deployments/template/plan_state.hpp"

namespace azemu::arm::tmpl {

/// Requires parameters bound. Throws TemplateError (InvalidTemplate) naming the failing variable.
void evaluate_variables(Plan::State& state, const nlohmann::json& declarations);

}  // namespace azemu::arm::tmpl
