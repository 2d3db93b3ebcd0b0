// Turns the template's `resources` into planned resource instances: expands copy loops (each
// member gets its copyIndex), flattens nested child resources (type and name relative to the
// parent, implicit dependency on it), evaluates names, conditions, dependsOn entries and the ids
// (resource group, subscription, extension `scope`, nested deployment resourceGroup/subscriptionId).
// Fills state.resources, state.instances and state.copy_loops; dependencies are resolved later
// (dependency_graph).
#pragma once

#include "fake-arm/deployments/template/plan_state.hpp"

namespace azemu::arm::tmpl {

/// Requires parameters and variables. Throws TemplateError (InvalidTemplate).
void expand_resources(Plan::State& state, const nlohmann::json& resources);

}  // namespace azemu::arm::tmpl
