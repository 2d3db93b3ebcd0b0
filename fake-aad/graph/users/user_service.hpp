// Graph user semantics: /me, get by id or UPN, list, create (UPN in a verified domain, password
// hashed), delete. Synchronous; every call authorizes through GraphAuthorizer first and is scoped
// to the caller's tenant.
#pragma once

#include "fake-aad/directory/directory_store.hpp"
#include "fake-aad/graph/graph_authorizer.hpp"
#include "fake-aad/graph/users/user_model.hpp"
#include "fake-aad/graph/users/user_store.hpp"

#include "emulator/auth/principal.hpp"
#include "emulator/exec/clock.hpp"

#include <string>
#include <vector>

namespace azemu::aad {

class UserService {
public:
  UserService(UserStore& users, const DirectoryStore& directory, const GraphAuthorizer& authz, const exec::Clock& clock)
      : users_(users), directory_(directory), authz_(authz), clock_(clock) {}

  /// The signed-in user. Throws errors::graph_me_requires_delegated (app tokens) and
  /// graph_resource_not_found (the user was deleted after the token was issued).
  User me(const auth::Principal& caller) const;
  /// Throws errors::graph_resource_not_found.
  User get(const auth::Principal& caller, const std::string& id_or_upn) const;
  std::vector<User> list(const auth::Principal& caller) const;
  /// Throws errors::graph_insufficient_privileges, graph_upn_domain_not_verified,
  /// graph_object_conflict("userPrincipalName").
  User create(const auth::Principal& caller, UserCreate in);
  /// Throws errors::graph_insufficient_privileges, graph_resource_not_found.
  void remove(const auth::Principal& caller, const std::string& id_or_upn);

private:
  UserStore& users_;
  const DirectoryStore& directory_;
  const GraphAuthorizer& authz_;
  const exec::Clock& clock_;
};

}  // namespace azemu::aad
