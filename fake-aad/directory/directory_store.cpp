// SQL for the directory tables; see directory_store.hpp. One row<->struct function per table.
#include "fake-aad/directory/directory_store.hpp"

#include "emulator/auth/jwt.hpp"
#include "emulator/json/strings.hpp"

#include <nlohmann/json.hpp>

namespace azemu::aad {

namespace {
using store::Connection;
using store::Statement;

InsertOutcome outcome(int changes) { return changes > 0 ? InsertOutcome::inserted : InsertOutcome::already_exists; }

constexpr const char* kTenantCols = "id, display_name, default_domain, default_user_object_id, created";
Tenant tenant_from_row(const Statement& s) {
  return Tenant{s.text(0), s.text(1), s.text(2), s.opt_text(3), s.int64(4)};
}

constexpr const char* kUserCols =
    "object_id, tenant_id, user_principal_name, display_name, given_name, surname, mail, account_enabled, "
    "password_hash, password_salt, password_iterations, created";
User user_from_row(const Statement& s) {
  User u;
  u.object_id = s.text(0);
  u.tenant_id = s.text(1);
  u.user_principal_name = s.text(2);
  u.display_name = s.text(3);
  u.given_name = s.opt_text(4);
  u.surname = s.opt_text(5);
  u.mail = s.opt_text(6);
  u.account_enabled = s.int64(7) != 0;
  if (!s.is_null(8)) u.password = PasswordHash{s.text(8), s.text(9), static_cast<int>(s.int64(10))};
  u.created = s.int64(11);
  return u;
}

constexpr const char* kAppCols = "object_id, tenant_id, app_id, display_name, identifier_uris, sign_in_audience, created";
Application app_from_row(const Statement& s) {
  Application a;
  a.object_id = s.text(0);
  a.tenant_id = s.text(1);
  a.app_id = s.text(2);
  a.display_name = s.text(3);
  a.identifier_uris = nlohmann::json::parse(s.text(4)).get<std::vector<std::string>>();
  a.sign_in_audience = s.text(5);
  a.created = s.int64(6);
  return a;
}

constexpr const char* kSpCols = "object_id, tenant_id, app_id, display_name, account_enabled, created";
ServicePrincipal sp_from_row(const Statement& s) {
  return ServicePrincipal{s.text(0), s.text(1), s.text(2), s.text(3), s.int64(4) != 0, s.int64(5)};
}

constexpr const char* kCredCols =
    "key_id, app_object_id, display_name, hint, secret_hash, secret_salt, secret_iterations, start_time, "
    "end_time, created";
PasswordCredential cred_from_row(const Statement& s) {
  PasswordCredential c;
  c.key_id = s.text(0);
  c.app_object_id = s.text(1);
  c.display_name = s.opt_text(2);
  c.hint = s.text(3);
  c.secret = PasswordHash{s.text(4), s.text(5), static_cast<int>(s.int64(6))};
  c.start_time = s.int64(7);
  c.end_time = s.int64(8);
  c.created = s.int64(9);
  return c;
}

std::string select(const char* cols, const char* table, const char* where) {
  return std::string("SELECT ") + cols + " FROM " + table + " " + where;
}
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
  std::optional<std::string> hash, salt;
  std::optional<std::int64_t> iterations;
  if (u.password) hash = u.password->hash, salt = u.password->salt, iterations = u.password->iterations;
  return db_.write([&](Connection& c) {
    auto s = c.query("INSERT OR IGNORE INTO aad_users (object_id, tenant_id, user_principal_name, display_name, "
                     "given_name, surname, mail, account_enabled, password_hash, password_salt, "
                     "password_iterations, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     text::to_lower(u.object_id), text::to_lower(u.tenant_id), u.user_principal_name,
                     u.display_name, u.given_name, u.surname, u.mail, u.account_enabled, hash, salt);
    if (iterations) s.bind(11, *iterations); else s.bind(11, nullptr);
    s.bind(12, u.created);
    s.step();
    return outcome(c.changes());
  });
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
  return db_.write([&](Connection& c) {
    return outcome(c.run("INSERT OR IGNORE INTO aad_applications (object_id, tenant_id, app_id, display_name, "
                         "identifier_uris, sign_in_audience, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         text::to_lower(a.object_id), text::to_lower(a.tenant_id), text::to_lower(a.app_id),
                         a.display_name, nlohmann::json(a.identifier_uris).dump(), a.sign_in_audience, a.created));
  });
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
  return db_.write([&](Connection& c) {
    return outcome(c.run("INSERT OR IGNORE INTO aad_service_principals (object_id, tenant_id, app_id, display_name, "
                         "account_enabled, created) VALUES (?, ?, ?, ?, ?, ?)",
                         text::to_lower(sp.object_id), text::to_lower(sp.tenant_id), text::to_lower(sp.app_id),
                         sp.display_name, sp.account_enabled, sp.created));
  });
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

// --- password credentials ------------------------------------------------------------------------

InsertOutcome DirectoryStore::insert_password_credential(const PasswordCredential& cr) {
  return db_.write([&](Connection& c) {
    return outcome(c.run("INSERT OR IGNORE INTO aad_password_credentials (key_id, app_object_id, display_name, hint, "
                         "secret_hash, secret_salt, secret_iterations, start_time, end_time, created) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         text::to_lower(cr.key_id), text::to_lower(cr.app_object_id), cr.display_name, cr.hint,
                         cr.secret.hash, cr.secret.salt, cr.secret.iterations, cr.start_time, cr.end_time,
                         cr.created));
  });
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
