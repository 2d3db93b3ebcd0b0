// See mount.hpp.
#include "fake-arm/core/mount.hpp"

namespace azemu::arm {

void mount_operation_routes(ArmRoutes& r, AsyncOperationHandlers& h) {
  using OH = AsyncOperationHandlers;
  const std::string loc_ops = r.sub + "/providers/{namespace}/locations/{location}";
  r.arm.get(r.sub + "/operationresults/{operationId}", "AzemuOperationResults_Get", r.to(h, &OH::result))
      .get(loc_ops + "/operations/{operationId}", "AzemuOperationStatus_Get", r.to(h, &OH::status))
      .get(loc_ops + "/operationResults/{operationId}", "AzemuOperationResults_GetByLocation", r.to(h, &OH::result));
}

}  // namespace azemu::arm
