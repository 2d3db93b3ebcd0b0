// Evaluates the template's outputs after the resources are deployed: `condition` (false → the
// output is left out), `copy` ({"count": n, "input": ...} → an array, copyIndex() inside), the
// declared type checked against the value. Secure outputs report their type only, as ARM does.
#pragma once

#include "fake-arm/deployments/template/plan_state.hpp"

namespace azemu::arm::tmpl {

/// {"name": {"type": "String", "value": ...}}. Throws TemplateError (DeploymentOutputEvaluationFailed).
nlohmann::json evaluate_template_outputs(const Plan::State& state, const Resolver& resolver);

}  // namespace azemu::arm::tmpl
