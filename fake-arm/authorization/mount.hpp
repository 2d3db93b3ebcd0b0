// Microsoft.Authorization's routes (Spec: authorization RoleDefinitions_* and RoleAssignments_*, at
// "{scope}/providers/Microsoft.Authorization/..." for every scope shape, plus the tenant-level role definition
// reads).
#pragma once

#include "fake-arm/authorization/role_assignments/role_assignment_handlers.hpp"
#include "fake-arm/authorization/role_definitions/role_definition_handlers.hpp"
#include "fake-arm/core/arm_routes.hpp"

namespace azemu::arm {

void mount_authorization_routes(ArmRoutes& r, RoleDefinitionHandlers& definitions, RoleAssignmentHandlers& assignments);

}  // namespace azemu::arm
