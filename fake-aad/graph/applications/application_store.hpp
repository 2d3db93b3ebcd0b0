// SQL for Graph's application operations over aad_applications, aad_password_credentials and
// (on delete) aad_service_principals. One transaction per write, uniqueness checked inside it so
// nothing is half-created. Returns values and outcomes, never Graph errors.
#pragma once

#include "fake-aad/directory/directory_model.hpp"

#include "emulator/store/database.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azemu::aad {

enum class AppWrite { done, identifier_uri_taken, not_found };

class ApplicationStore {
public:
  explicit ApplicationStore(store::Database& db) : db_(db) {}

  /// Applications of a tenant, oldest first (the paging order).
  std::vector<Application> list(std::string_view tenant_id) const;
  std::optional<Application> find(std::string_view tenant_id, std::string_view object_id) const;
  std::vector<PasswordCredential> passwords(std::string_view app_object_id) const;

  /// Inserts unless another application already claims one of its identifierUris.
  AppWrite insert(const Application& a);
  /// Rewrites the mutable columns, with the same identifierUris check (excluding itself).
  AppWrite update(const Application& a);
  /// Deletes the application, its password credentials (cascade) and the tenant's service
  /// principals for its appId (with their role memberships), as Entra does. False when absent.
  bool remove(std::string_view tenant_id, std::string_view object_id);

  void add_password(const PasswordCredential& c);
  /// False when the application has no credential with that key id.
  bool remove_password(std::string_view app_object_id, std::string_view key_id);

private:
  store::Database& db_;
};

}  // namespace azemu::aad
