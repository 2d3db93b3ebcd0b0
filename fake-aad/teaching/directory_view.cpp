// See directory_view.hpp. Only metadata columns are selected (no *_hash, *_salt).
#include "fake-aad/teaching/directory_view.hpp"

namespace azemu::aad::teaching {

nlohmann::json directory(store::Database& db) {
  using nlohmann::json;
  return db.read([](store::Connection& c) {
    json tenants = json::array(), users = json::array(), apps = json::array(), sps = json::array(), roles = json::array();
    auto t = c.query("SELECT id, display_name, default_domain FROM aad_tenants ORDER BY created");
    while (t.step()) tenants.push_back({{"id", t.text(0)}, {"displayName", t.text(1)}, {"defaultDomain", t.text(2)}});
    auto u = c.query("SELECT object_id, user_principal_name, display_name, account_enabled, created FROM aad_users ORDER BY created");
    while (u.step())
      users.push_back({{"objectId", u.text(0)}, {"userPrincipalName", u.text(1)}, {"displayName", u.text(2)},
                       {"accountEnabled", u.int64(3) != 0}, {"created", u.int64(4)}});
    auto a = c.query("SELECT object_id, app_id, display_name, created FROM aad_applications ORDER BY created");
    while (a.step()) {
      json creds = json::array();
      auto p = c.query("SELECT key_id, display_name, hint, start_time, end_time FROM aad_password_credentials "
                       "WHERE app_object_id = ? ORDER BY created",
                       a.text(0));
      while (p.step())
        creds.push_back({{"keyId", p.text(0)}, {"displayName", p.opt_text(1) ? json(*p.opt_text(1)) : json()},
                         {"hint", p.text(2)}, {"startDateTime", p.int64(3)}, {"endDateTime", p.int64(4)}});
      apps.push_back({{"objectId", a.text(0)}, {"appId", a.text(1)}, {"displayName", a.text(2)}, {"created", a.int64(3)},
                      {"passwordCredentials", creds}});
    }
    auto s = c.query("SELECT object_id, app_id, display_name, account_enabled, created FROM aad_service_principals ORDER BY created");
    while (s.step())
      sps.push_back({{"objectId", s.text(0)}, {"appId", s.text(1)}, {"displayName", s.text(2)},
                     {"accountEnabled", s.int64(3) != 0}, {"created", s.int64(4)}});
    auto r = c.query("SELECT role_template_id, member_object_id FROM aad_directory_role_members ORDER BY role_template_id");
    while (r.step()) roles.push_back({{"roleTemplateId", r.text(0)}, {"memberObjectId", r.text(1)}});
    return json{{"tenants", tenants}, {"users", users}, {"applications", apps}, {"servicePrincipals", sps},
                {"directoryRoleMembers", roles}};
  });
}

}  // namespace azemu::aad::teaching
