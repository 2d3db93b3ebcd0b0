// SQL for the directory tables; see directory_store.hpp. Row<->struct mapping is in directory_rows.
#include "fake-aad/directory/directory_store.hpp"

#include "fake-aad/directory/directory_rows.hpp"

#include "emulator/auth/jwt.hpp"
#include "emulator/json/strings.hpp"

#include <nlohmann/json.hpp>

namespace azemu::aad {

namespace {
using store::Connection;
using namespace rows;

InsertOutcome outcome(int changes) { return changes > 0 ? InsertOutcome::inserted : InsertOutcome::already_exists; }
}  // namespace

// --- tenants -------------------------------------------------------------------------------------

InsertOutcome DirectoryStore::insert_tenant(const Tenant& t) {
  return db_.write([&](Connection& c) {
    return outcome(c.run("INSERT OR IGNORE INTO aad_tenants (id, display_name, default_domain, "
                         "default_user_object_id, created) VALUES (?, ?, ?, ?, ?)",
                         text::to_lower(t.id), t.display_name, t.default_domain, t.default_user_object_id,
                         t.created));
  });
}

std::optional<Tenant> DirectoryStore::find_tenant(std::string_view id_or_domain) const {
  return db_.read([&](Connection& c) -> std::optional<Tenant> {
    auto s = c.query(select(kTenantCols, "aad_tenants", "WHERE id = lower(?1) OR default_domain = ?1"),
                     std::string(id_or_domain));
    if (!s.step()) return std::nullopt;
    return tenant_from_row(s);
  });
}

std::vector<Tenant> DirectoryStore::list_tenants() const {
  return db_.read([&](Connection& c) {
    std::vector<Tenant> out;
    auto s = c.query(select(kTenantCols, "aad_tenants", "ORDER BY created, id"));
    while (s.step()) out.push_back(tenant_from_row(s));
    return out;
  });
}

std::optional<Tenant> DirectoryStore::default_tenant() const {
  auto all = list_tenants();
  if (all.empty()) return std::nullopt;
  return all.front();
}

// --- users ---------------------------------------------------------------------------------------

InsertOutcome DirectoryStore::insert_user(const User& u) {
  return db_.write([&](Connection& c) { return outcome(rows::insert_user(c, u)); });
}

std::optional<User> DirectoryStore::find_user(std::string_view object_id) const {
  return db_.read([&](Connection& c) -> std::optional<User> {
    auto s = c.query(select(kUserCols, "aad_users", "WHERE object_id = lower(?)"), std::string(object_id));
    if (!s.step()) return std::nullopt;
    return user_from_row(s);
  });
}

std::optional<User> DirectoryStore::find_user_by_upn(std::string_view upn) const {
  return db_.read([&](Connection& c) -> std::optional<User> {
    auto s = c.query(select(kUserCols, "aad_users", "WHERE user_principal_name = ?"), std::string(upn));
    if (!s.step()) return std::nullopt;
    return user_from_row(s);
  });
}

// --- applications --------------------------------------------------------------------------------

InsertOutcome DirectoryStore::insert_application(const Application& a) {
  return db_.write([&](Connection& c) { return outcome(rows::insert_application(c, a)); });
}

std::optional<Application> DirectoryStore::find_application_by_app_id(std::string_view app_id) const {
  return db_.read([&](Connection& c) -> std::optional<Application> {
    auto s = c.query(select(kAppCols, "aad_applications", "WHERE app_id = ?"), std::string(app_id));
    if (!s.step()) return std::nullopt;
    return app_from_row(s);
  });
}

std::optional<Application> DirectoryStore::find_application_by_resource(std::string_view resource) const {
  if (auto by_id = find_application_by_app_id(resource)) return by_id;
  // identifierUris live in a JSON column; directories are small, so compare in C++ with the same
  // normalisation the token verifier uses for audiences.
  std::string wanted = auth::normalize_audience(resource);
  return db_.read([&](Connection& c) -> std::optional<Application> {
    auto s = c.query(select(kAppCols, "aad_applications", "WHERE identifier_uris != '[]'"));
    while (s.step()) {
      Application a = app_from_row(s);
      for (const auto& uri : a.identifier_uris)
        if (auth::normalize_audience(uri) == wanted) return a;
    }
    return std::nullopt;
  });
}

// --- service principals --------------------------------------------------------------------------

InsertOutcome DirectoryStore::insert_service_principal(const ServicePrincipal& sp) {
  return db_.write([&](Connection& c) { return outcome(rows::insert_service_principal(c, sp)); });
}

std::optional<ServicePrincipal> DirectoryStore::find_service_principal_by_app_id(std::string_view app_id) const {
  return db_.read([&](Connection& c) -> std::optional<ServicePrincipal> {
    auto s = c.query(select(kSpCols, "aad_service_principals", "WHERE app_id = ? ORDER BY created LIMIT 1"),
                     std::string(app_id));
    if (!s.step()) return std::nullopt;
    return sp_from_row(s);
  });
}

std::optional<ServicePrincipal> DirectoryStore::find_service_principal(std::string_view object_id) const {
  return db_.read([&](Connection& c) -> std::optional<ServicePrincipal> {
    auto s = c.query(select(kSpCols, "aad_service_principals", "WHERE object_id = lower(?)"), std::string(object_id));
    if (!s.step()) return std::nullopt;
    return sp_from_row(s);
  });
}

// --- directory roles -----------------------------------------------------------------------------

void DirectoryStore::add_directory_role_member(std::string_view tenant_id, std::string_view role,
                                               std::string_view object_id) {
  db_.write([&](Connection& c) {
    c.run("INSERT OR IGNORE INTO aad_directory_role_members (tenant_id, role_template_id, member_object_id) "
          "VALUES (lower(?), lower(?), lower(?))",
          std::string(tenant_id), std::string(role), std::string(object_id));
  });
}

bool DirectoryStore::has_directory_role(std::string_view tenant_id, std::string_view role,
                                        std::string_view object_id) const {
  return db_.read([&](Connection& c) {
    auto s = c.query("SELECT 1 FROM aad_directory_role_members WHERE tenant_id = lower(?) AND "
                     "role_template_id = lower(?) AND member_object_id = lower(?)",
                     std::string(tenant_id), std::string(role), std::string(object_id));
    return s.step();
  });
}

// --- password credentials ------------------------------------------------------------------------

InsertOutcome DirectoryStore::insert_password_credential(const PasswordCredential& cr) {
  return db_.write([&](Connection& c) { return outcome(rows::insert_password_credential(c, cr)); });
}

std::vector<PasswordCredential> DirectoryStore::password_credentials(std::string_view app_object_id) const {
  return db_.read([&](Connection& c) {
    std::vector<PasswordCredential> out;
    auto s = c.query(select(kCredCols, "aad_password_credentials", "WHERE app_object_id = lower(?) ORDER BY created"),
                     std::string(app_object_id));
    while (s.step()) out.push_back(cred_from_row(s));
    return out;
  });
}

}  // namespace azemu::aad
