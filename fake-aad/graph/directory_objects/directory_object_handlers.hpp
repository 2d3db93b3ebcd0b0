// HTTP glue for POST /directoryObjects/getByIds (az role assignment's principal-type lookup).
// Owns the stores and services it reads through.
#pragma once

#include "fake-aad/directory/directory_store.hpp"
#include "fake-aad/graph/directory_objects/directory_object_service.hpp"
#include "fake-aad/mount.hpp"

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"

namespace azemu::aad {

class DirectoryObjectHandlers {
public:
  explicit DirectoryObjectHandlers(const AadDeps& deps);

  /// POST /v1.0/directoryObjects/getByIds
  http::Reply get_by_ids(http::Request& req);

private:
  DirectoryStore directory_;
  GraphAuthorizer authz_;
  UserStore users_;
  ServicePrincipalStore sps_;
  ApplicationStore app_store_;
  ApplicationService apps_;
  DirectoryObjectService service_;
};

}  // namespace azemu::aad
