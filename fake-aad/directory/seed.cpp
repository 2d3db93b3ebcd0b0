// aad::seed(): the seeded tenant, admin user, bootstrap application + service principal + client
// secret, and their Global Administrator role. Idempotent by construction: every row is INSERT OR IGNORE keyed by the seed's fixed ids,
// and every timestamp is a constant, so a restart with the same seed changes nothing (a second
// call does not even re-hash: existing rows are checked first).
#include "fake-aad/mount.hpp"

#include "fake-aad/directory/directory_store.hpp"

#include "emulator/ids/guid.hpp"

namespace azemu::aad {

namespace {
// seed() has no Clock (mount.hpp signature) and must be deterministic, so seeded rows carry fixed
// times: created 2020-01-01T00:00:00Z, bootstrap secret valid until 2100-01-01T00:00:00Z.
constexpr std::int64_t kSeedTime = 1'577'836'800;
constexpr std::int64_t kSeedSecretEnd = 4'102'444'800;
}  // namespace

void seed(store::Database& db, const ports::Seed& s) {
  DirectoryStore dir(db);
  dir.insert_tenant(Tenant{s.tenant_id, "azemu", s.tenant_domain, s.admin_object_id, kSeedTime});

  if (!dir.find_user(s.admin_object_id)) {
    User admin;
    admin.object_id = s.admin_object_id;
    admin.tenant_id = s.tenant_id;
    admin.user_principal_name = s.admin_user;
    admin.display_name = "azemu admin";
    admin.given_name = "azemu";
    admin.surname = "admin";
    admin.mail = s.admin_user;
    admin.mail_nickname = s.admin_user.substr(0, s.admin_user.find('@'));
    admin.password = hash_password(s.admin_password, kUserPasswordIterations);
    admin.created = kSeedTime;
    dir.insert_user(admin);
  }

  Application app;
  app.object_id = s.client_app_object_id;
  app.tenant_id = s.tenant_id;
  app.app_id = s.client_id;
  app.display_name = "azemu-bootstrap";
  app.created = kSeedTime;
  dir.insert_application(app);
  ServicePrincipal sp;
  sp.object_id = s.client_object_id;
  sp.tenant_id = s.tenant_id;
  sp.app_id = s.client_id;
  sp.display_name = "azemu-bootstrap";
  sp.created = kSeedTime;
  dir.insert_service_principal(sp);

  // The admin user and the bootstrap SP are the tenant's Global Administrators: they may write
  // users through Graph (graph/graph_authorizer.hpp).
  dir.add_directory_role_member(s.tenant_id, kGlobalAdministratorRole, s.admin_object_id);
  dir.add_directory_role_member(s.tenant_id, kGlobalAdministratorRole, s.client_object_id);

  // The credential's key id derives from the application so the same seed always names the same row.
  std::string key_id = ids::name_guid("azemu-bootstrap-secret:" + s.client_app_object_id);
  bool have_secret = false;
  for (const auto& c : dir.password_credentials(s.client_app_object_id)) have_secret |= c.key_id == key_id;
  if (!have_secret) {
    PasswordCredential cred;
    cred.key_id = key_id;
    cred.app_object_id = s.client_app_object_id;
    cred.display_name = "azemu bootstrap secret";
    cred.hint = s.client_secret.substr(0, 3);
    cred.secret = hash_password(s.client_secret, kClientSecretIterations);
    cred.start_time = kSeedTime;
    cred.end_time = kSeedSecretEnd;
    cred.created = kSeedTime;
    dir.insert_password_credential(cred);
  }
}

}  // namespace azemu::aad
