// Resolves dependencies and orders the plan:
//   explicit   dependsOn entries: full ids, "Namespace/type/name" (also the interleaved child form
//              "ns/parentType/parent/childType/child"), bare names, and copy loop names (= all
//              members); matched case-insensitively; unknown → InvalidTemplate
//   implicit   nested children on their parent; reference()/list*() calls whose target is a
//              resource of this template (ARM documents this implicit dependency)
//   serial     copy loops with mode "serial" chain their batches
// then orders everything into waves (cycle → InvalidTemplate "Circular dependency detected").
#pragma once

#include "fake-arm/deployments/template/plan_state.hpp"

namespace azemu::arm::tmpl {

/// Fills PlannedResource::depends_on for every resource, then state.waves. Throws TemplateError.
void resolve_dependencies(Plan::State& state);

}  // namespace azemu::arm::tmpl
