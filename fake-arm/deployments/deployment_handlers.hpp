// HTTP glue for template deployments (Spec: resources.json 2021-04-01 Deployments_* at resource
// group scope and Deployments_*AtSubscriptionScope, DeploymentOperations_*). The same handlers
// serve both scopes: the route's {resourceGroupName} is absent at subscription scope.
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "fake-arm/deployments/deployment_service.hpp"

namespace azemu::arm {

class DeploymentHandlers {
public:
  explicit DeploymentHandlers(const DeploymentService& svc) : svc_(svc) {}

  http::Reply create_or_update(http::Request& req);  // PUT    .../deployments/{name}          201/200 + polling headers
  http::Reply get(http::Request& req);               // GET    .../deployments/{name}
  http::Reply check_existence(http::Request& req);   // HEAD   .../deployments/{name}          204 / 404
  http::Reply remove(http::Request& req);            // DELETE .../deployments/{name}          202 + Location / 204
  http::Reply list(http::Request& req);              // GET    .../deployments/                 $filter, $top
  http::Reply validate(http::Request& req);          // POST   .../deployments/{name}/validate  200 / 400
  http::Reply cancel(http::Request& req);            // POST   .../deployments/{name}/cancel    204
  http::Reply export_template(http::Request& req);   // POST   .../deployments/{name}/exportTemplate
  http::Reply list_operations(http::Request& req);   // GET    .../deployments/{name}/operations
  http::Reply get_operation(http::Request& req);     // GET    .../deployments/{name}/operations/{operationId}

private:
  const DeploymentService& svc_;
};

}  // namespace azemu::arm
