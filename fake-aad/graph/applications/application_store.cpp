// Graph application SQL; see application_store.hpp.
#include "fake-aad/graph/applications/application_store.hpp"

#include "fake-aad/directory/directory_rows.hpp"

#include "emulator/auth/jwt.hpp"

namespace azemu::aad {

using store::Connection;

namespace {
// identifierUris are unique across the directory; compared as Entra resolves resources (case and
// trailing '/' ignored). JSON column, small directories: compared in C++.
bool uri_taken(Connection& c, const Application& a) {
  auto s = c.query(rows::select(rows::kAppCols, "aad_applications", "WHERE identifier_uris != '[]' AND object_id != lower(?)"),
                   a.object_id);
  while (s.step()) {
    Application other = rows::app_from_row(s);
    for (const auto& mine : a.identifier_uris)
      for (const auto& theirs : other.identifier_uris)
        if (auth::normalize_audience(mine) == auth::normalize_audience(theirs)) return true;
  }
  return false;
}
}  // namespace

std::vector<Application> ApplicationStore::list(std::string_view tenant_id) const {
  return db_.read([&](Connection& c) {
    std::vector<Application> out;
    auto s = c.query(rows::select(rows::kAppCols, "aad_applications", "WHERE tenant_id = lower(?) ORDER BY created, object_id"),
                     std::string(tenant_id));
    while (s.step()) out.push_back(rows::app_from_row(s));
    return out;
  });
}

std::optional<Application> ApplicationStore::find(std::string_view tenant_id, std::string_view object_id) const {
  return db_.read([&](Connection& c) -> std::optional<Application> {
    auto s = c.query(rows::select(rows::kAppCols, "aad_applications", "WHERE tenant_id = lower(?) AND object_id = lower(?)"),
                     std::string(tenant_id), std::string(object_id));
    if (!s.step()) return std::nullopt;
    return rows::app_from_row(s);
  });
}

std::vector<PasswordCredential> ApplicationStore::passwords(std::string_view app_object_id) const {
  return db_.read([&](Connection& c) {
    std::vector<PasswordCredential> out;
    auto s = c.query(rows::select(rows::kCredCols, "aad_password_credentials", "WHERE app_object_id = lower(?) ORDER BY created, key_id"),
                     std::string(app_object_id));
    while (s.step()) out.push_back(rows::cred_from_row(s));
    return out;
  });
}

AppWrite ApplicationStore::insert(const Application& a) {
  return db_.write([&](Connection& c) {
    if (uri_taken(c, a)) return AppWrite::identifier_uri_taken;
    rows::insert_application(c, a);
    return AppWrite::done;
  });
}

AppWrite ApplicationStore::update(const Application& a) {
  return db_.write([&](Connection& c) {
    if (uri_taken(c, a)) return AppWrite::identifier_uri_taken;
    return rows::update_application(c, a) > 0 ? AppWrite::done : AppWrite::not_found;
  });
}

bool ApplicationStore::remove(std::string_view tenant_id, std::string_view object_id) {
  return db_.write([&](Connection& c) {
    std::string app_id;
    {
      auto s = c.query("SELECT app_id FROM aad_applications WHERE tenant_id = lower(?) AND object_id = lower(?)",
                       std::string(tenant_id), std::string(object_id));
      if (!s.step()) return false;
      app_id = s.text(0);
    }  // statement finalized before the deletes
    c.run("DELETE FROM aad_directory_role_members WHERE tenant_id = lower(?1) AND member_object_id IN "
          "(SELECT object_id FROM aad_service_principals WHERE tenant_id = lower(?1) AND app_id = ?2)",
          std::string(tenant_id), app_id);
    c.run("DELETE FROM aad_service_principals WHERE tenant_id = lower(?) AND app_id = ?", std::string(tenant_id), app_id);
    c.run("DELETE FROM aad_applications WHERE object_id = lower(?)", std::string(object_id));
    return true;
  });
}

void ApplicationStore::add_password(const PasswordCredential& cred) {
  db_.write([&](Connection& c) { rows::insert_password_credential(c, cred); });
}

bool ApplicationStore::remove_password(std::string_view app_object_id, std::string_view key_id) {
  return db_.write([&](Connection& c) {
    return c.run("DELETE FROM aad_password_credentials WHERE app_object_id = lower(?) AND key_id = lower(?)",
                 std::string(app_object_id), std::string(key_id)) > 0;
  });
}

}  // namespace azemu::aad
