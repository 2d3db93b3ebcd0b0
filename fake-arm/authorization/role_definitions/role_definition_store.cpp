// SQL for arm_role_definitions; see role_definition_store.hpp. JSON columns hold the wire shape of
// assignableScopes and permissions, mapped by role_definition_json.cpp.
#include "fake-arm/authorization/role_definitions/role_definition_store.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::arm {

namespace {
constexpr const char* kColumns =
    "id, tenant_id, role_name, description, assignable_scopes, permissions, created_at, updated_at, created_by, "
    "updated_by";

RoleDefinition from_row(store::Statement& s) {
  RoleDefinition d;
  d.id = s.text(0);
  d.tenant_id = s.text(1);
  d.role_name = s.text(2);
  d.type = RoleType::custom;
  d.description = s.text(3);
  d.assignable_scopes = nlohmann::json::parse(s.text(4)).get<std::vector<std::string>>();
  for (const auto& p : nlohmann::json::parse(s.text(5))) d.permissions.push_back(permission_from_json(p));
  d.created_at = s.int64(6);
  d.updated_at = s.int64(7);
  d.created_by = s.opt_text(8);
  d.updated_by = s.opt_text(9);
  return d;
}
}  // namespace

std::optional<RoleDefinition> RoleDefinitionStore::get(store::Connection& c, const std::string& id) const {
  auto s = c.query(std::string("SELECT ") + kColumns + " FROM arm_role_definitions WHERE id = ?", text::to_lower(id));
  if (!s.step()) return std::nullopt;
  return from_row(s);
}

std::vector<RoleDefinition> RoleDefinitionStore::list(store::Connection& c, const std::string& tenant_id) const {
  auto s = c.query(std::string("SELECT ") + kColumns + " FROM arm_role_definitions WHERE tenant_id = ? ORDER BY role_name_key",
                   text::to_lower(tenant_id));
  std::vector<RoleDefinition> out;
  while (s.step()) out.push_back(from_row(s));
  return out;
}

std::optional<std::string> RoleDefinitionStore::id_with_name(store::Connection& c, const std::string& tenant_id,
                                                             const std::string& role_name) const {
  auto s = c.query("SELECT id FROM arm_role_definitions WHERE tenant_id = ? AND role_name_key = ?",
                   text::to_lower(tenant_id), text::to_lower(role_name));
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

void RoleDefinitionStore::upsert(store::Connection& c, const RoleDefinition& d) const {
  nlohmann::json permissions = nlohmann::json::array();
  for (const auto& p : d.permissions) permissions.push_back(to_json(p));
  c.run("INSERT INTO arm_role_definitions (id, tenant_id, role_name, role_name_key, description, assignable_scopes, "
        "permissions, created_at, updated_at, created_by, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT(id) DO UPDATE SET role_name = excluded.role_name, role_name_key = excluded.role_name_key, "
        "description = excluded.description, assignable_scopes = excluded.assignable_scopes, "
        "permissions = excluded.permissions, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        text::to_lower(d.id), text::to_lower(d.tenant_id), d.role_name, text::to_lower(d.role_name), d.description,
        nlohmann::json(d.assignable_scopes).dump(), permissions.dump(), d.created_at, d.updated_at, d.created_by,
        d.updated_by);
}

bool RoleDefinitionStore::remove(store::Connection& c, const std::string& id) const {
  return c.run("DELETE FROM arm_role_definitions WHERE id = ?", text::to_lower(id)) > 0;
}

}  // namespace azemu::arm
