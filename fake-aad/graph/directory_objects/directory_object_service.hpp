// directoryObjects/getByIds: resolves object ids to users, service principals and applications of
// the caller's tenant, in the order asked; unknown ids are skipped, as Graph does. Read-only.
#pragma once

#include "fake-aad/graph/applications/application_service.hpp"
#include "fake-aad/graph/directory_objects/directory_object_model.hpp"
#include "fake-aad/graph/graph_authorizer.hpp"
#include "fake-aad/graph/service_principals/service_principal_store.hpp"
#include "fake-aad/graph/users/user_store.hpp"

#include "emulator/auth/principal.hpp"

#include <vector>

namespace azemu::aad {

class DirectoryObjectService {
public:
  DirectoryObjectService(const UserStore& users, const ServicePrincipalStore& sps, const ApplicationService& apps,
                         const GraphAuthorizer& authz)
      : users_(users), sps_(sps), apps_(apps), authz_(authz) {}

  std::vector<DirectoryObject> get_by_ids(const auth::Principal& caller, const GetByIdsRequest& req) const;

private:
  const UserStore& users_;
  const ServicePrincipalStore& sps_;
  const ApplicationService& apps_;
  const GraphAuthorizer& authz_;
};

}  // namespace azemu::aad
