// HTTP glue for Microsoft.Compute/disks (Spec: DiskRP 2022-07-02 disk.json Disks_*). Disk writes
// complete synchronously (200/201 with provisioningState Succeeded, no polling headers), which
// every ARM poller accepts; a disk is a record here.
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "fake-arm/providers/compute/disks/disk_service.hpp"

namespace azemu::arm::compute {

class DiskHandlers {
public:
  explicit DiskHandlers(const DiskService& svc) : svc_(svc) {}

  http::Reply create_or_update(http::Request& req);  // PUT    .../disks/{diskName}   201 new / 200 existing
  http::Reply update(http::Request& req);            // PATCH  .../disks/{diskName}
  http::Reply get(http::Request& req);               // GET    .../disks/{diskName}
  http::Reply remove(http::Request& req);            // DELETE .../disks/{diskName}   200 / 204
  http::Reply list_by_group(http::Request& req);     // GET    .../resourceGroups/{rg}/providers/Microsoft.Compute/disks
  http::Reply list(http::Request& req);              // GET    /subscriptions/{s}/providers/Microsoft.Compute/disks

private:
  const DiskService& svc_;
};

}  // namespace azemu::arm::compute
