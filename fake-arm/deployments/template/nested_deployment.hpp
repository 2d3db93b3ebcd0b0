// Microsoft.Resources/deployments resources inside a template. Their inner template is a
// deployment of its own, which the deployments service prepares separately:
//   scope "inner"  the inner template is kept exactly as written (its expressions belong to it).
//   scope "outer"  (ARM's default) its expressions see the parent's parameters and variables; we
//                  hand the parent's values down by rewriting the inner template's `parameters` as
//                  declarations whose defaultValue is the parent's value and `variables` as the
//                  parent's evaluated variables (escaped so they are not evaluated twice).
#pragma once

#include "fake-arm/deployments/template/plan_state.hpp"

namespace azemu::arm::tmpl {

bool is_nested_deployment(const PlannedResource& r);
/// True when properties.expressionEvaluationOptions.scope is "inner" (case-insensitive).
bool has_inner_scope(const nlohmann::json& definition);
/// The inner template to hand on for an outer-scope nested deployment.
nlohmann::json outer_scope_template(const Plan::State& parent, const nlohmann::json& inner_template);

}  // namespace azemu::arm::tmpl
