// HTTP glue for /applications: request -> ApplicationService -> application_json + OData
// envelope. Owns the application store and service (held by the route table for the process life).
#pragma once

#include "fake-aad/graph/applications/application_service.hpp"
#include "fake-aad/mount.hpp"

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"

namespace azemu::aad {

class ApplicationHandlers {
public:
  explicit ApplicationHandlers(const AadDeps& deps);

  /// GET /v1.0/applications
  http::Reply list(http::Request& req);
  /// POST /v1.0/applications
  http::Reply create(http::Request& req);
  /// GET /v1.0/applications/{id}
  http::Reply get(http::Request& req);
  /// PATCH /v1.0/applications/{id}
  http::Reply update(http::Request& req);
  /// DELETE /v1.0/applications/{id}
  http::Reply remove(http::Request& req);
  /// POST /v1.0/applications/{id}/addPassword
  http::Reply add_password(http::Request& req);
  /// POST /v1.0/applications/{id}/removePassword
  http::Reply remove_password(http::Request& req);

private:
  DirectoryStore directory_;
  GraphAuthorizer authz_;
  ApplicationStore store_;
  ApplicationService service_;
};

}  // namespace azemu::aad
