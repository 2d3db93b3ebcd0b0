// SQL for the directory aggregates (aad_tenants, aad_users, aad_applications,
// aad_service_principals, aad_password_credentials). Returns values and outcome enums, never Azure
// errors: the token service and (later) Graph decide what a missing row means to the client.
#pragma once

#include "fake-aad/directory/directory_model.hpp"

#include "emulator/store/database.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azemu::aad {

enum class InsertOutcome { inserted, already_exists };

/// Entra's role template id of Global Administrator (Spec: "Microsoft Entra built-in roles").
inline constexpr std::string_view kGlobalAdministratorRole = "62e90394-69f5-4237-9190-012177145e10";

class DirectoryStore {
public:
  explicit DirectoryStore(store::Database& db) : db_(db) {}

  // Tenants
  InsertOutcome insert_tenant(const Tenant& t);
  /// By tenant id or default domain, case-insensitively.
  std::optional<Tenant> find_tenant(std::string_view id_or_domain) const;
  std::vector<Tenant> list_tenants() const;
  /// The oldest tenant: the single tenant behind the ADFS-style authority.
  std::optional<Tenant> default_tenant() const;

  // Users
  InsertOutcome insert_user(const User& u);
  std::optional<User> find_user(std::string_view object_id) const;
  std::optional<User> find_user_by_upn(std::string_view upn) const;

  // Applications
  InsertOutcome insert_application(const Application& a);
  std::optional<Application> find_application_by_app_id(std::string_view app_id) const;
  /// An application whose appId or one of whose identifierUris equals `resource` (case and
  /// trailing '/' ignored, as Entra resolves resources).
  std::optional<Application> find_application_by_resource(std::string_view resource) const;

  // Service principals
  InsertOutcome insert_service_principal(const ServicePrincipal& sp);
  std::optional<ServicePrincipal> find_service_principal_by_app_id(std::string_view app_id) const;
  std::optional<ServicePrincipal> find_service_principal(std::string_view object_id) const;

  // Directory roles (aad_directory_role_members)
  void add_directory_role_member(std::string_view tenant_id, std::string_view role_template_id,
                                 std::string_view object_id);
  bool has_directory_role(std::string_view tenant_id, std::string_view role_template_id,
                          std::string_view object_id) const;

  // Password credentials
  InsertOutcome insert_password_credential(const PasswordCredential& c);
  std::vector<PasswordCredential> password_credentials(std::string_view app_object_id) const;

private:
  store::Database& db_;
};

}  // namespace azemu::aad
