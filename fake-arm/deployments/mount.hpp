// Template deployments' routes (Spec: resources.json 2021-04-01 Deployments_* and DeploymentOperations_* at
// resource group and subscription scope). WhatIf is not served (AzemuNotImplemented).
#pragma once

#include "fake-arm/core/arm_routes.hpp"
#include "fake-arm/deployments/deployment_handlers.hpp"

namespace azemu::arm {

void mount_deployment_routes(ArmRoutes& r, DeploymentHandlers& deployments);

}  // namespace azemu::arm
