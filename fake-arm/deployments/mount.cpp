// See mount.hpp.
#include "fake-arm/deployments/mount.hpp"

#include "fake-arm/errors.hpp"

namespace azemu::arm {

void mount_deployment_routes(ArmRoutes& r, DeploymentHandlers& h) {
  using DH = DeploymentHandlers;
  for (const std::string& scope : {r.rg, r.sub}) {
    const bool at_sub = scope == r.sub;
    auto op = [&](const char* name) { return std::string(name) + (at_sub ? "AtSubscriptionScope" : ""); };
    const std::string deps = scope + "/providers/Microsoft.Resources/deployments";
    const std::string dep = deps + "/{deploymentName}";
    r.arm.del(dep, op("Deployments_Delete"), r.to(h, &DH::remove))
        .head(dep, op("Deployments_CheckExistence"), r.to(h, &DH::check_existence))
        .put(dep, op("Deployments_CreateOrUpdate"), r.to(h, &DH::create_or_update))
        .get(dep, op("Deployments_Get"), r.to(h, &DH::get))
        .post(dep + "/cancel", op("Deployments_Cancel"), r.to(h, &DH::cancel))
        .post(dep + "/validate", op("Deployments_Validate"), r.to(h, &DH::validate))
        .post(dep + "/whatIf", op("Deployments_WhatIf"),
              [](http::Request&) -> http::Reply { throw errors::not_implemented("deployment what-if"); })
        .post(dep + "/exportTemplate", op("Deployments_ExportTemplate"), r.to(h, &DH::export_template))
        .get(deps, at_sub ? "Deployments_ListAtSubscriptionScope" : "Deployments_ListByResourceGroup", r.to(h, &DH::list))
        .get(dep + "/operations/{operationId}",
             at_sub ? "DeploymentOperations_GetAtSubscriptionScope" : "DeploymentOperations_GetAtScope",
             r.to(h, &DH::get_operation))
        .get(dep + "/operations", at_sub ? "DeploymentOperations_ListAtSubscriptionScope" : "DeploymentOperations_ListAtScope",
             r.to(h, &DH::list_operations));
    if (at_sub) continue;
    // The spec's group-scope operations path has no "providers/Microsoft.Resources" (az uses it).
    r.arm.get(r.rg + "/deployments/{deploymentName}/operations/{operationId}", "DeploymentOperations_Get",
              r.to(h, &DH::get_operation))
        .get(r.rg + "/deployments/{deploymentName}/operations", "DeploymentOperations_List", r.to(h, &DH::list_operations));
  }
}

}  // namespace azemu::arm
