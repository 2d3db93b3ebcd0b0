// HTTP glue for role definitions (Spec: authorization RoleDefinitions_List, _Get, _CreateOrUpdate,
// _Delete, _GetById) at every scope template mount.cpp registers, including the tenant root.
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "fake-arm/authorization/role_definitions/role_definition_service.hpp"

namespace azemu::arm {

class RoleDefinitionHandlers {
public:
  explicit RoleDefinitionHandlers(const RoleDefinitionService& svc) : svc_(svc) {}

  http::Reply list(http::Request& req);               // GET    {scope}/providers/Microsoft.Authorization/roleDefinitions
  http::Reply get(http::Request& req);                // GET    …/roleDefinitions/{roleDefinitionId}
  http::Reply create_or_update(http::Request& req);   // PUT    …/roleDefinitions/{roleDefinitionId}: 201 / 200
  http::Reply remove(http::Request& req);             // DELETE …/roleDefinitions/{roleDefinitionId}: 200 / 204

private:
  const RoleDefinitionService& svc_;
};

}  // namespace azemu::arm
