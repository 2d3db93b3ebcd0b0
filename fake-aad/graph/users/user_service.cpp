// Graph user semantics; see user_service.hpp.
#include "fake-aad/graph/users/user_service.hpp"

#include "fake-aad/errors.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"

namespace azemu::aad {

User UserService::me(const auth::Principal& caller) const {
  authz_.authorize(caller, GraphAction::read);
  if (caller.kind != auth::PrincipalKind::user) throw errors::graph_me_requires_delegated();
  auto u = users_.find(caller.tenant_id, caller.object_id);
  if (!u) throw errors::graph_resource_not_found(caller.object_id);
  return *u;
}

User UserService::get(const auth::Principal& caller, const std::string& id_or_upn) const {
  authz_.authorize(caller, GraphAction::read);
  auto u = users_.find(caller.tenant_id, id_or_upn);
  if (!u) throw errors::graph_resource_not_found(id_or_upn);
  return *u;
}

std::vector<User> UserService::list(const auth::Principal& caller) const {
  authz_.authorize(caller, GraphAction::read);
  return users_.list(caller.tenant_id);
}

User UserService::create(const auth::Principal& caller, UserCreate in) {
  authz_.authorize(caller, GraphAction::write_users);
  User& u = in.user;
  // The tenant's only verified domain is its default (<name>.onmicrosoft.com) domain.
  auto at = u.user_principal_name.find('@');
  auto tenant = directory_.find_tenant(caller.tenant_id);
  if (at == std::string::npos || at == 0 || !tenant ||
      !text::iequals(u.user_principal_name.substr(at + 1), tenant->default_domain))
    throw errors::graph_upn_domain_not_verified();
  u.object_id = ids::new_guid();
  u.tenant_id = text::to_lower(caller.tenant_id);
  u.created = clock_.now_unix();
  u.password = hash_password(in.password, kUserPasswordIterations);
  if (users_.insert(u) == UserInsert::upn_taken) throw errors::graph_object_conflict("userPrincipalName");
  return u;
}

void UserService::remove(const auth::Principal& caller, const std::string& id_or_upn) {
  authz_.authorize(caller, GraphAction::write_users);
  auto u = users_.find(caller.tenant_id, id_or_upn);
  if (!u || !users_.remove(caller.tenant_id, u->object_id)) throw errors::graph_resource_not_found(id_or_upn);
}

}  // namespace azemu::aad
