// HTTP glue for Microsoft.Compute/virtualMachines/extensions (Spec: compute 2022-11-01
// VirtualMachineExtensions_*): PUT/PATCH 201/200 and DELETE 202 with polling headers; GET and list
// with `$expand=instanceView`.
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "fake-arm/providers/compute/extensions/extension_service.hpp"

namespace azemu::arm::compute {

class ExtensionHandlers {
public:
  explicit ExtensionHandlers(const ExtensionService& svc) : svc_(svc) {}

  http::Reply create_or_update(http::Request& req);  // PUT    .../virtualMachines/{vmName}/extensions/{vmExtensionName}
  http::Reply update(http::Request& req);            // PATCH  .../extensions/{vmExtensionName}
  http::Reply get(http::Request& req);               // GET    .../extensions/{vmExtensionName}
  http::Reply remove(http::Request& req);            // DELETE .../extensions/{vmExtensionName}
  http::Reply list(http::Request& req);              // GET    .../virtualMachines/{vmName}/extensions

private:
  http::Reply put(http::Request& req, bool is_patch);
  const ExtensionService& svc_;
};

}  // namespace azemu::arm::compute
