// HTTP glue for /me and /users: request -> UserService -> user_json + OData envelope. Owns the
// user store and service (the route table holds this object for the life of the process).
#pragma once

#include "fake-aad/graph/users/user_service.hpp"
#include "fake-aad/mount.hpp"

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"

namespace azemu::aad {

class UserHandlers {
public:
  explicit UserHandlers(const AadDeps& deps);

  /// GET /v1.0/me
  http::Reply me(http::Request& req);
  /// GET /v1.0/users
  http::Reply list(http::Request& req);
  /// GET /v1.0/users/{id-or-upn}
  http::Reply get(http::Request& req);
  /// POST /v1.0/users
  http::Reply create(http::Request& req);
  /// DELETE /v1.0/users/{id-or-upn}
  http::Reply remove(http::Request& req);

private:
  DirectoryStore directory_;
  GraphAuthorizer authz_;
  UserStore store_;
  UserService service_;
};

}  // namespace azemu::aad
