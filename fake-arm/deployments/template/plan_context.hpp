// Builds the EvalContext for each phase from a Plan::State: parameters and variables lookups
// (case-insensitive, Azure's "not found" texts), reference('name') lookups among the planned
// resources, and the copy-loop position of one resource.
#pragma once

#include "fake-arm/deployments/template/eval_context.hpp"
#include "fake-arm/deployments/template/plan_state.hpp"

namespace azemu::arm::tmpl {

/// Parameters, variables and template resources of `state`; no copy loop, no resolver.
EvalContext plan_context(const Plan::State& state, const Resolver* resolver);
/// plan_context plus the copy loops of resource `index`.
EvalContext resource_context(const Plan::State& state, std::size_t index, const Resolver* resolver);

/// parameters('x') / variables('x') lookups over a JSON object keyed by declared names.
nlohmann::json lookup_parameter(const nlohmann::json& values, const std::string& name);
nlohmann::json lookup_variable(const nlohmann::json& values, const std::string& name);

}  // namespace azemu::arm::tmpl
