// arm::seed(): the seeded subscription and the Owner role assignments of the bootstrap service
// principal and the admin user at subscription scope. Idempotent: INSERT OR IGNORE on stable keys
// (assignment names are name-derived GUIDs), so every start of the same data dir changes nothing.
#include "fake-arm/mount.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"
#include "fake-arm/authorization/builtin_roles.hpp"

namespace azemu::arm {

namespace {
// Principal ids are stored lower-cased: the authorizer looks them up that way (migration 2).
void assign(store::Connection& c, const std::string& tenant, const std::string& scope, const std::string& principal,
            const char* type) {
  c.run("INSERT OR IGNORE INTO arm_role_assignments (id, scope_key, scope, role_definition_id, principal_id, "
        "principal_type, created_at, updated_at, tenant_id) VALUES (?, ?, ?, ?, ?, ?, unixepoch(), unixepoch(), ?)",
        ids::name_guid(text::to_lower(scope) + "|" + principal + "|" + kOwnerRoleId), text::to_lower(scope), scope,
        std::string(kOwnerRoleId), text::to_lower(principal), std::string(type), tenant);
}
}  // namespace

void seed(store::Database& db, const ports::Seed& seed) {
  const std::string sub = text::to_lower(seed.subscription_id);
  db.write([&](store::Connection& c) {
    c.run("INSERT OR IGNORE INTO arm_subscriptions (subscription_id, tenant_id, display_name, state, created_at) "
          "VALUES (?, ?, ?, 'Enabled', unixepoch())",
          sub, text::to_lower(seed.tenant_id), seed.subscription_name);
    const std::string scope = "/subscriptions/" + sub;
    const std::string tenant = text::to_lower(seed.tenant_id);
    if (!seed.client_object_id.empty()) assign(c, tenant, scope, seed.client_object_id, "ServicePrincipal");
    if (!seed.admin_object_id.empty()) assign(c, tenant, scope, seed.admin_object_id, "User");
  });
}

nlohmann::json apply_subscription_seed(store::Database& db, const ports::Seed& ids, const nlohmann::json& doc) {
  nlohmann::json counts = {{"created", 0}, {"unchanged", 0}};
  for (const auto& s : doc["subscriptions"]) {
    const std::string sub = text::to_lower(s["id"].get<std::string>());
    const std::string tenant = text::to_lower(s.value("tenantId", ids.tenant_id));
    int inserted = 0;
    db.write([&](store::Connection& c) {
      inserted = c.run("INSERT OR IGNORE INTO arm_subscriptions (subscription_id, tenant_id, display_name, state, "
                       "created_at) VALUES (?, ?, ?, 'Enabled', unixepoch())",
                       sub, tenant, s.value("displayName", "azemu subscription " + sub.substr(0, 8)));
      if (tenant == text::to_lower(ids.tenant_id)) {
        assign(c, tenant, "/subscriptions/" + sub, ids.client_object_id, "ServicePrincipal");
        assign(c, tenant, "/subscriptions/" + sub, ids.admin_object_id, "User");
      }
    });
    counts[inserted ? "created" : "unchanged"] = counts[inserted ? "created" : "unchanged"].get<int>() + 1;
  }
  if (doc["subscriptions"].empty()) return nlohmann::json::object();
  return {{"subscriptions", counts}};
}

}  // namespace azemu::arm
