// HTTP glue for /servicePrincipals: request -> ServicePrincipalService -> service_principal_json
// + OData envelope. Owns the store and service (held by the route table for the process life).
#pragma once

#include "fake-aad/directory/directory_store.hpp"
#include "fake-aad/graph/service_principals/service_principal_service.hpp"
#include "fake-aad/mount.hpp"

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"

namespace azemu::aad {

class ServicePrincipalHandlers {
public:
  explicit ServicePrincipalHandlers(const AadDeps& deps);

  /// GET /v1.0/servicePrincipals
  http::Reply list(http::Request& req);
  /// POST /v1.0/servicePrincipals
  http::Reply create(http::Request& req);
  /// GET /v1.0/servicePrincipals/{id}
  http::Reply get(http::Request& req);
  /// DELETE /v1.0/servicePrincipals/{id}
  http::Reply remove(http::Request& req);

private:
  DirectoryStore directory_;
  GraphAuthorizer authz_;
  ServicePrincipalStore store_;
  ServicePrincipalService service_;
};

}  // namespace azemu::aad
