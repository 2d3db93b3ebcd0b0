// ARM's own async operation polling routes (core/async_operations.hpp): Azure-AsyncOperation and Location URLs.
#pragma once

#include "fake-arm/core/arm_routes.hpp"
#include "fake-arm/core/async_operation_handlers.hpp"

namespace azemu::arm {

void mount_operation_routes(ArmRoutes& r, AsyncOperationHandlers& operations);

}  // namespace azemu::arm
