// HTTP glue for Microsoft.Compute/virtualMachines (Spec: compute 2022-11-01 virtualMachine.json
// VirtualMachines_*). Writes answer at once with polling headers (Azure-AsyncOperation, Location,
// Retry-After: 1) and the work continues in exec::Jobs: PUT 201 (new) / 200 (existing) with the VM
// in Creating/Updating, DELETE and actions 202 (DELETE of a missing VM: 204).
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_service.hpp"

namespace azemu::arm::compute {

class VmHandlers {
public:
  explicit VmHandlers(const VirtualMachineService& svc) : svc_(svc) {}

  http::Reply create_or_update(http::Request& req);  // PUT    .../virtualMachines/{vmName}
  http::Reply update(http::Request& req);            // PATCH  .../virtualMachines/{vmName}
  http::Reply get(http::Request& req);               // GET    .../virtualMachines/{vmName}[?$expand=instanceView]
  http::Reply instance_view(http::Request& req);     // GET    .../virtualMachines/{vmName}/instanceView
  http::Reply remove(http::Request& req);            // DELETE .../virtualMachines/{vmName}
  http::Reply list_by_group(http::Request& req);     // GET    .../resourceGroups/{rg}/providers/Microsoft.Compute/virtualMachines
  http::Reply list(http::Request& req);              // GET    /subscriptions/{s}/providers/Microsoft.Compute/virtualMachines
  http::Reply start(http::Request& req);             // POST   .../start
  http::Reply power_off(http::Request& req);         // POST   .../powerOff[?skipShutdown=true]
  http::Reply deallocate(http::Request& req);        // POST   .../deallocate
  http::Reply restart(http::Request& req);           // POST   .../restart
  http::Reply redeploy(http::Request& req);          // POST   .../redeploy
  http::Reply reapply(http::Request& req);           // POST   .../reapply
  http::Reply run_command(http::Request& req);       // POST   .../runCommand

private:
  http::Reply act(http::Request& req, VmAction action);
  const VirtualMachineService& svc_;
};

}  // namespace azemu::arm::compute
