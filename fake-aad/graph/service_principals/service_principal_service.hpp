// Graph service principal semantics: create from an application's appId in the caller's tenant,
// get, list, delete (which stops client_credentials sign-in for that appId at once).
// Synchronous; authorizes every call through GraphAuthorizer.
#pragma once

#include "fake-aad/graph/graph_authorizer.hpp"
#include "fake-aad/graph/service_principals/service_principal_model.hpp"
#include "fake-aad/graph/service_principals/service_principal_store.hpp"

#include "emulator/auth/principal.hpp"
#include "emulator/exec/clock.hpp"

#include <string>
#include <vector>

namespace azemu::aad {

class ServicePrincipalService {
public:
  ServicePrincipalService(ServicePrincipalStore& sps, const GraphAuthorizer& authz, const exec::Clock& clock)
      : sps_(sps), authz_(authz), clock_(clock) {}

  /// Throws errors::graph_insufficient_privileges, graph_sp_without_application (400, the text
  /// az retries on), graph_sp_already_exists (409).
  ServicePrincipalView create(const auth::Principal& caller, const ServicePrincipalInput& in);
  /// Throws errors::graph_resource_not_found.
  ServicePrincipalView get(const auth::Principal& caller, const std::string& object_id) const;
  std::vector<ServicePrincipalView> list(const auth::Principal& caller) const;
  /// Throws errors::graph_insufficient_privileges, graph_resource_not_found.
  void remove(const auth::Principal& caller, const std::string& object_id);

private:
  ServicePrincipalStore& sps_;
  const GraphAuthorizer& authz_;
  const exec::Clock& clock_;
};

}  // namespace azemu::aad
