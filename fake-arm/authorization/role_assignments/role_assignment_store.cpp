// SQL for arm_role_assignments; see role_assignment_store.hpp.
#include "fake-arm/authorization/role_assignments/role_assignment_store.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::arm {

namespace {
constexpr const char* kColumns =
    "id, scope, role_definition_id, principal_id, principal_type, tenant_id, description, condition, "
    "condition_version, created_at, updated_at, created_by, updated_by";

RoleAssignment from_row(store::Statement& s) {
  RoleAssignment a;
  a.name = s.text(0);
  a.scope = s.text(1);
  a.role_definition_id = s.text(2);
  a.principal_id = s.text(3);
  a.principal_type = s.text(4);
  a.tenant_id = s.text(5);
  a.description = s.opt_text(6);
  a.condition = s.opt_text(7);
  a.condition_version = s.opt_text(8);
  a.created_at = s.int64(9);
  a.updated_at = s.int64(10);
  a.created_by = s.opt_text(11);
  a.updated_by = s.opt_text(12);
  return a;
}

std::vector<RoleAssignment> all_rows(store::Statement s) {
  std::vector<RoleAssignment> out;
  while (s.step()) out.push_back(from_row(s));
  return out;
}

std::string select() { return std::string("SELECT ") + kColumns + " FROM arm_role_assignments "; }
}  // namespace

void RoleAssignmentStore::insert(store::Connection& c, const RoleAssignment& a) const {
  c.run("INSERT INTO arm_role_assignments (id, scope_key, scope, role_definition_id, principal_id, principal_type, "
        "tenant_id, description, condition, condition_version, created_at, updated_at, created_by, updated_by) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        text::to_lower(a.name), text::to_lower(a.scope), a.scope, text::to_lower(a.role_definition_id),
        text::to_lower(a.principal_id), a.principal_type, text::to_lower(a.tenant_id), a.description, a.condition,
        a.condition_version, a.created_at, a.updated_at, a.created_by, a.updated_by);
}

void RoleAssignmentStore::update_details(store::Connection& c, const RoleAssignment& a) const {
  c.run("UPDATE arm_role_assignments SET description = ?, condition = ?, condition_version = ?, updated_at = ?, "
        "updated_by = ? WHERE id = ?",
        a.description, a.condition, a.condition_version, a.updated_at, a.updated_by, text::to_lower(a.name));
}

std::optional<RoleAssignment> RoleAssignmentStore::get(store::Connection& c, const std::string& name) const {
  auto s = c.query(select() + "WHERE id = ?", text::to_lower(name));
  if (!s.step()) return std::nullopt;
  return from_row(s);
}

std::optional<RoleAssignment> RoleAssignmentStore::find_same(store::Connection& c, const std::string& scope_key,
                                                             const std::string& role,
                                                             const std::string& principal) const {
  auto s = c.query(select() + "WHERE scope_key = ? AND role_definition_id = ? AND principal_id = ?",
                   text::to_lower(scope_key), text::to_lower(role), text::to_lower(principal));
  if (!s.step()) return std::nullopt;
  return from_row(s);
}

std::vector<RoleAssignment> RoleAssignmentStore::list_in_subscription(store::Connection& c,
                                                                      const std::string& subscription_id,
                                                                      const std::optional<std::string>& principal) const {
  const std::string key = "/subscriptions/" + text::to_lower(subscription_id);
  // Children's keys start with "<key>/"; compared with substr, not LIKE ('_' is a LIKE wildcard).
  std::string where = "WHERE (scope_key = ? OR substr(scope_key, 1, length(?) + 1) = ? || '/')";
  if (principal)
    return all_rows(c.query(select() + where + " AND principal_id = ? ORDER BY scope_key, id", key, key, key,
                            text::to_lower(*principal)));
  return all_rows(c.query(select() + where + " ORDER BY scope_key, id", key, key, key));
}

bool RoleAssignmentStore::remove(store::Connection& c, const std::string& name) const {
  return c.run("DELETE FROM arm_role_assignments WHERE id = ?", text::to_lower(name)) > 0;
}

int RoleAssignmentStore::remove_under(store::Connection& c, const std::string& scope_key) const {
  const std::string key = text::to_lower(scope_key);
  return c.run("DELETE FROM arm_role_assignments WHERE scope_key = ? OR substr(scope_key, 1, length(?) + 1) = ? || '/'",
               key, key, key);
}

bool RoleAssignmentStore::role_in_use(store::Connection& c, const std::string& role_definition_id) const {
  return c.query("SELECT 1 FROM arm_role_assignments WHERE role_definition_id = ? LIMIT 1",
                 text::to_lower(role_definition_id))
      .step();
}

std::vector<RoleAssignmentStore::GrantRow> RoleAssignmentStore::grants_of(store::Connection& c,
                                                                         const std::string& principal_id) const {
  auto s = c.query("SELECT a.scope_key, a.role_definition_id, d.permissions FROM arm_role_assignments a "
                   "LEFT JOIN arm_role_definitions d ON d.id = a.role_definition_id WHERE a.principal_id = ?",
                   text::to_lower(principal_id));
  std::vector<GrantRow> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.opt_text(2)});
  return out;
}

}  // namespace azemu::arm
