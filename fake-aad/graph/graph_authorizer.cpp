// Graph authorization decisions; the rules are in graph_authorizer.hpp.
#include "fake-aad/graph/graph_authorizer.hpp"

#include "fake-aad/errors.hpp"

namespace azemu::aad {

bool GraphAuthorizer::is_global_admin(const auth::Principal& caller) const {
  return directory_.has_directory_role(caller.tenant_id, kGlobalAdministratorRole, caller.object_id);
}

void GraphAuthorizer::authorize(const auth::Principal& caller, GraphAction action) const {
  switch (action) {
    case GraphAction::read: return;
    case GraphAction::register_application:
      if (caller.kind == auth::PrincipalKind::user || is_global_admin(caller)) return;
      break;
    case GraphAction::write_users:
      if (is_global_admin(caller)) return;
      break;
  }
  throw errors::graph_insufficient_privileges();
}

}  // namespace azemu::aad
