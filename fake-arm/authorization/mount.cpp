// See mount.hpp.
#include "fake-arm/authorization/mount.hpp"

namespace azemu::arm {

void mount_authorization_routes(ArmRoutes& r, RoleDefinitionHandlers& definitions, RoleAssignmentHandlers& assignments) {
  using DH = RoleDefinitionHandlers;
  using AH = RoleAssignmentHandlers;
  r.arm.get("/providers/Microsoft.Authorization/roleDefinitions", "RoleDefinitions_List", r.to(definitions, &DH::list))
      .get("/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId}", "RoleDefinitions_GetById",
           r.to(definitions, &DH::get));
  for (const std::string& scope : r.any_scope()) {
    const std::string defs = scope + "/providers/Microsoft.Authorization/roleDefinitions";
    const std::string def = defs + "/{roleDefinitionId}";
    r.arm.get(defs, "RoleDefinitions_List", r.to(definitions, &DH::list))
        .get(def, "RoleDefinitions_Get", r.to(definitions, &DH::get))
        .put(def, "RoleDefinitions_CreateOrUpdate", r.to(definitions, &DH::create_or_update))
        .del(def, "RoleDefinitions_Delete", r.to(definitions, &DH::remove));
    const std::string list = scope + "/providers/Microsoft.Authorization/roleAssignments";
    const std::string one = list + "/{roleAssignmentName}";
    r.arm.get(list, "RoleAssignments_ListForScope", r.to(assignments, &AH::list))
        .put(one, "RoleAssignments_Create", r.to(assignments, &AH::create))
        .get(one, "RoleAssignments_Get", r.to(assignments, &AH::get))
        .del(one, "RoleAssignments_Delete", r.to(assignments, &AH::remove));
  }
}

}  // namespace azemu::arm
