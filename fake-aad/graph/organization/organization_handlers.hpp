// HTTP glue for GET /organization (the caller's tenant only, as Graph lists it). Reads the
// directory store directly: there are no organization semantics beyond "which tenant am I in".
#pragma once

#include "fake-aad/directory/directory_store.hpp"
#include "fake-aad/mount.hpp"

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"

namespace azemu::aad {

class OrganizationHandlers {
public:
  explicit OrganizationHandlers(const AadDeps& deps) : directory_(deps.db) {}

  /// GET /v1.0/organization
  http::Reply list(http::Request& req);

private:
  DirectoryStore directory_;
};

}  // namespace azemu::aad
