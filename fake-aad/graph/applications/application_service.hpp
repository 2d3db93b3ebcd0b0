// Graph application semantics: create (new appId, identifierUris unique), get, list, PATCH,
// delete (takes its service principals and secrets along), addPassword (random secret, stored
// hashed, returned once) and removePassword. Synchronous; authorizes every call, caller's tenant only.
#pragma once

#include "fake-aad/directory/directory_store.hpp"
#include "fake-aad/graph/applications/application_model.hpp"
#include "fake-aad/graph/applications/application_store.hpp"
#include "fake-aad/graph/graph_authorizer.hpp"

#include "emulator/auth/principal.hpp"
#include "emulator/exec/clock.hpp"

#include <optional>
#include <string>
#include <vector>

namespace azemu::aad {

/// An application with what its wire form needs besides the row.
struct ApplicationView {
  Application app;
  std::vector<PasswordCredential> passwords;
  std::string publisher_domain;
};

/// Graph's default lifetime of an added password when endDateTime is absent: two years.
inline constexpr std::int64_t kDefaultPasswordLifetime = 2 * 365 * 86'400;

class ApplicationService {
public:
  ApplicationService(ApplicationStore& apps, const DirectoryStore& directory, const GraphAuthorizer& authz,
                     const exec::Clock& clock)
      : apps_(apps), directory_(directory), authz_(authz), clock_(clock) {}

  /// Throws errors::graph_insufficient_privileges, graph_required_property("displayName"),
  /// graph_object_conflict("identifierUris").
  ApplicationView create(const auth::Principal& caller, const ApplicationInput& in);
  /// Throws errors::graph_resource_not_found.
  ApplicationView get(const auth::Principal& caller, const std::string& object_id) const;
  /// Like get, but absence is a value (getByIds skips unknown ids).
  std::optional<ApplicationView> find(const auth::Principal& caller, const std::string& object_id) const;
  std::vector<ApplicationView> list(const auth::Principal& caller) const;
  /// Throws the errors of get and create.
  void update(const auth::Principal& caller, const std::string& object_id, const ApplicationInput& in);
  /// Throws errors::graph_insufficient_privileges, graph_resource_not_found.
  void remove(const auth::Principal& caller, const std::string& object_id);
  /// Throws the errors of get, graph_insufficient_privileges and graph_invalid_property("endDateTime").
  NewPassword add_password(const auth::Principal& caller, const std::string& object_id, const PasswordInput& in);
  /// Throws the errors of get, graph_insufficient_privileges and graph_password_not_found.
  void remove_password(const auth::Principal& caller, const std::string& object_id, const std::string& key_id);

private:
  Application require(const auth::Principal& caller, const std::string& object_id) const;
  ApplicationView view(Application a) const;

  ApplicationStore& apps_;
  const DirectoryStore& directory_;
  const GraphAuthorizer& authz_;
  const exec::Clock& clock_;
};

}  // namespace azemu::aad
