// Column lists and row mapping for the directory tables; see directory_rows.hpp.
#include "fake-aad/directory/directory_rows.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::aad::rows {

using store::Connection;
using store::Statement;

const char* const kTenantCols = "id, display_name, default_domain, default_user_object_id, created";
const char* const kUserCols =
    "object_id, tenant_id, user_principal_name, display_name, given_name, surname, mail, account_enabled, "
    "password_hash, password_salt, password_iterations, created, mail_nickname, job_title, mobile_phone, "
    "office_location, preferred_language, business_phones";
const char* const kAppCols =
    "object_id, tenant_id, app_id, display_name, identifier_uris, sign_in_audience, created, graph_properties";
const char* const kSpCols = "object_id, tenant_id, app_id, display_name, account_enabled, created, graph_properties";
const char* const kCredCols =
    "key_id, app_object_id, display_name, hint, secret_hash, secret_salt, secret_iterations, start_time, "
    "end_time, created";

namespace {
std::string json_text(const nlohmann::json& j) { return j.dump(); }
nlohmann::json parse(const std::string& text) { return nlohmann::json::parse(text); }
}  // namespace

Tenant tenant_from_row(const Statement& s) { return Tenant{s.text(0), s.text(1), s.text(2), s.opt_text(3), s.int64(4)}; }

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
  u.mail_nickname = s.opt_text(12);
  u.job_title = s.opt_text(13);
  u.mobile_phone = s.opt_text(14);
  u.office_location = s.opt_text(15);
  u.preferred_language = s.opt_text(16);
  u.business_phones = parse(s.text(17)).get<std::vector<std::string>>();
  return u;
}

Application app_from_row(const Statement& s) {
  Application a;
  a.object_id = s.text(0);
  a.tenant_id = s.text(1);
  a.app_id = s.text(2);
  a.display_name = s.text(3);
  a.identifier_uris = parse(s.text(4)).get<std::vector<std::string>>();
  a.sign_in_audience = s.text(5);
  a.created = s.int64(6);
  a.graph_properties = parse(s.text(7));
  return a;
}

ServicePrincipal sp_from_row(const Statement& s) {
  ServicePrincipal sp;
  sp.object_id = s.text(0);
  sp.tenant_id = s.text(1);
  sp.app_id = s.text(2);
  sp.display_name = s.text(3);
  sp.account_enabled = s.int64(4) != 0;
  sp.created = s.int64(5);
  sp.graph_properties = parse(s.text(6));
  return sp;
}

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

std::string select(const char* cols, const char* table, const char* rest) {
  return std::string("SELECT ") + cols + " FROM " + table + " " + rest;
}

namespace {
// Binds the user columns shared by insert and update, starting at parameter `i`.
void bind_user_fields(Statement& s, int i, const User& u) {
  s.bind(i++, u.user_principal_name).bind(i++, u.display_name).bind(i++, u.given_name).bind(i++, u.surname);
  s.bind(i++, u.mail).bind(i++, u.account_enabled);
  if (u.password) s.bind(i++, u.password->hash).bind(i++, u.password->salt).bind(i++, u.password->iterations);
  else s.bind(i++, nullptr).bind(i++, nullptr).bind(i++, nullptr);
  s.bind(i++, u.mail_nickname).bind(i++, u.job_title).bind(i++, u.mobile_phone).bind(i++, u.office_location);
  s.bind(i++, u.preferred_language).bind(i++, json_text(u.business_phones));
}
}  // namespace

int insert_user(Connection& c, const User& u) {
  auto s = c.prepare(
      "INSERT OR IGNORE INTO aad_users (user_principal_name, display_name, given_name, surname, mail, "
      "account_enabled, password_hash, password_salt, password_iterations, mail_nickname, job_title, mobile_phone, "
      "office_location, preferred_language, business_phones, object_id, tenant_id, created) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_user_fields(s, 1, u);
  s.bind(16, text::to_lower(u.object_id)).bind(17, text::to_lower(u.tenant_id)).bind(18, u.created);
  s.step();
  return c.changes();
}

int update_user(Connection& c, const User& u) {
  auto s = c.prepare(
      "UPDATE aad_users SET user_principal_name = ?, display_name = ?, given_name = ?, surname = ?, mail = ?, "
      "account_enabled = ?, password_hash = ?, password_salt = ?, password_iterations = ?, mail_nickname = ?, "
      "job_title = ?, mobile_phone = ?, office_location = ?, preferred_language = ?, business_phones = ? "
      "WHERE object_id = lower(?)");
  bind_user_fields(s, 1, u);
  s.bind(16, u.object_id);
  s.step();
  return c.changes();
}

int insert_application(Connection& c, const Application& a) {
  return c.run("INSERT OR IGNORE INTO aad_applications (object_id, tenant_id, app_id, display_name, identifier_uris, "
               "sign_in_audience, created, graph_properties) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               text::to_lower(a.object_id), text::to_lower(a.tenant_id), text::to_lower(a.app_id), a.display_name,
               json_text(a.identifier_uris), a.sign_in_audience, a.created, json_text(a.graph_properties));
}

int update_application(Connection& c, const Application& a) {
  return c.run("UPDATE aad_applications SET display_name = ?, identifier_uris = ?, sign_in_audience = ?, "
               "graph_properties = ? WHERE object_id = lower(?)",
               a.display_name, json_text(a.identifier_uris), a.sign_in_audience, json_text(a.graph_properties),
               a.object_id);
}

int insert_service_principal(Connection& c, const ServicePrincipal& sp) {
  return c.run("INSERT OR IGNORE INTO aad_service_principals (object_id, tenant_id, app_id, display_name, "
               "account_enabled, created, graph_properties) VALUES (?, ?, ?, ?, ?, ?, ?)",
               text::to_lower(sp.object_id), text::to_lower(sp.tenant_id), text::to_lower(sp.app_id), sp.display_name,
               sp.account_enabled, sp.created, json_text(sp.graph_properties));
}

int insert_password_credential(Connection& c, const PasswordCredential& cr) {
  return c.run("INSERT OR IGNORE INTO aad_password_credentials (key_id, app_object_id, display_name, hint, "
               "secret_hash, secret_salt, secret_iterations, start_time, end_time, created) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               text::to_lower(cr.key_id), text::to_lower(cr.app_object_id), cr.display_name, cr.hint, cr.secret.hash,
               cr.secret.salt, cr.secret.iterations, cr.start_time, cr.end_time, cr.created);
}

}  // namespace azemu::aad::rows
