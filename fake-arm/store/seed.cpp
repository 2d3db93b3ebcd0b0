// arm::seed(): the seeded subscription and the Owner role assignments of the bootstrap service
// principal and the admin user at subscription scope. Idempotent: INSERT OR IGNORE on stable keys
// (assignment names are name-derived GUIDs), so every start of the same data dir changes nothing.
#include "fake-arm/mount.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"

namespace azemu::arm {

namespace {
// Spec: built-in role "Owner" (learn.microsoft.com, Azure built-in roles).
constexpr const char* kOwnerRoleId = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

void assign(store::Connection& c, const std::string& scope, const std::string& principal, const char* type) {
  c.run("INSERT OR IGNORE INTO arm_role_assignments (id, scope_key, scope, role_definition_id, principal_id, "
        "principal_type, created_at) VALUES (?, ?, ?, ?, ?, ?, unixepoch())",
        ids::name_guid(text::to_lower(scope) + "|" + principal + "|" + kOwnerRoleId), text::to_lower(scope), scope,
        std::string(kOwnerRoleId), principal, std::string(type));
}
}  // namespace

void seed(store::Database& db, const ports::Seed& seed) {
  const std::string sub = text::to_lower(seed.subscription_id);
  db.write([&](store::Connection& c) {
    c.run("INSERT OR IGNORE INTO arm_subscriptions (subscription_id, tenant_id, display_name, state, created_at) "
          "VALUES (?, ?, ?, 'Enabled', unixepoch())",
          sub, text::to_lower(seed.tenant_id), seed.subscription_name);
    const std::string scope = "/subscriptions/" + sub;
    if (!seed.client_object_id.empty()) assign(c, scope, seed.client_object_id, "ServicePrincipal");
    if (!seed.admin_object_id.empty()) assign(c, scope, seed.admin_object_id, "User");
  });
}

}  // namespace azemu::arm
