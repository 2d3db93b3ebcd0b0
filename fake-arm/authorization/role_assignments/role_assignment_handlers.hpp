// HTTP glue for role assignments (Spec: authorization RoleAssignments_ListForScope, _Create, _Get,
// _Delete; the *ById forms reach the same routes because "//{id}" collapses to "/{id}").
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "fake-arm/authorization/role_assignments/role_assignment_service.hpp"

namespace azemu::arm {

class RoleAssignmentHandlers {
public:
  explicit RoleAssignmentHandlers(const RoleAssignmentService& svc) : svc_(svc) {}

  http::Reply list(http::Request& req);    // GET    {scope}/providers/Microsoft.Authorization/roleAssignments
  http::Reply create(http::Request& req);  // PUT    …/roleAssignments/{roleAssignmentName}: 201 / 200
  http::Reply get(http::Request& req);     // GET    …/roleAssignments/{roleAssignmentName}
  http::Reply remove(http::Request& req);  // DELETE …/roleAssignments/{roleAssignmentName}: 200 / 204

private:
  const RoleAssignmentService& svc_;
};

}  // namespace azemu::arm
