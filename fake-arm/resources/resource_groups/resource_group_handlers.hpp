// HTTP glue for resource groups (Spec: resources.json ResourceGroups_*). Routes accept both
// "resourcegroups" (az group commands) and "resourceGroups" (everything else): the router matches
// literal segments ignoring case.
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "fake-arm/resources/resource_groups/resource_group_service.hpp"

namespace azemu::arm {

class ResourceGroupHandlers {
public:
  explicit ResourceGroupHandlers(const ResourceGroupService& svc) : svc_(svc) {}

  http::Reply create_or_update(http::Request& req);  // PUT    .../resourcegroups/{rg}   201 new / 200 existing
  http::Reply get(http::Request& req);               // GET    .../resourcegroups/{rg}
  http::Reply check_existence(http::Request& req);   // HEAD   .../resourcegroups/{rg}   204 / 404
  http::Reply update(http::Request& req);            // PATCH  .../resourcegroups/{rg}
  http::Reply remove(http::Request& req);            // DELETE .../resourcegroups/{rg}   202 + Location
  http::Reply list(http::Request& req);              // GET    .../resourcegroups

private:
  const ResourceGroupService& svc_;
};

}  // namespace azemu::arm
