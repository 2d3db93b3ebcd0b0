// Who may do what in Graph (the one authorize() of the Graph service, called by services).
// Decision, modelled on Entra's defaults:
//   read                  every principal of the tenant (Entra: users may read the directory;
//                         azemu does not model Graph application permissions such as User.Read.All)
//   register_application  create/update/delete applications and service principals and their
//                         passwords: any user ("users can register applications" is on by default)
//                         and Global Administrators; other service principals are denied
//   write_users           create/update/delete users: Global Administrators only (the seeded admin
//                         user and bootstrap SP, aad_directory_role_members)
// Application ownership is not tracked: any user may manage any application (simplification).
#pragma once

#include "fake-aad/directory/directory_store.hpp"

#include "emulator/auth/principal.hpp"

namespace azemu::aad {

enum class GraphAction { read, register_application, write_users };

class GraphAuthorizer {
public:
  explicit GraphAuthorizer(const DirectoryStore& directory) : directory_(directory) {}

  /// Throws errors::graph_insufficient_privileges (403 Authorization_RequestDenied).
  void authorize(const auth::Principal& caller, GraphAction action) const;

private:
  bool is_global_admin(const auth::Principal& caller) const;
  const DirectoryStore& directory_;
};

}  // namespace azemu::aad
