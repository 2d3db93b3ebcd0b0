// Graph user SQL; see user_store.hpp.
#include "fake-aad/graph/users/user_store.hpp"

#include "fake-aad/directory/directory_rows.hpp"

namespace azemu::aad {

using store::Connection;

std::vector<User> UserStore::list(std::string_view tenant_id) const {
  return db_.read([&](Connection& c) {
    std::vector<User> out;
    auto s = c.query(rows::select(rows::kUserCols, "aad_users", "WHERE tenant_id = lower(?) ORDER BY created, object_id"),
                     std::string(tenant_id));
    while (s.step()) out.push_back(rows::user_from_row(s));
    return out;
  });
}

std::optional<User> UserStore::find(std::string_view tenant_id, std::string_view id_or_upn) const {
  bool by_upn = id_or_upn.find('@') != std::string_view::npos;
  return db_.read([&](Connection& c) -> std::optional<User> {
    auto s = c.query(rows::select(rows::kUserCols, "aad_users",
                                  by_upn ? "WHERE tenant_id = lower(?) AND user_principal_name = ?"
                                         : "WHERE tenant_id = lower(?) AND object_id = lower(?)"),
                     std::string(tenant_id), std::string(id_or_upn));
    if (!s.step()) return std::nullopt;
    return rows::user_from_row(s);
  });
}

UserInsert UserStore::insert(const User& u) {
  return db_.write([&](Connection& c) {
    // Object ids are fresh GUIDs, so the only unique key that can collide is the UPN.
    return rows::insert_user(c, u) > 0 ? UserInsert::inserted : UserInsert::upn_taken;
  });
}

bool UserStore::remove(std::string_view tenant_id, std::string_view object_id) {
  return db_.write([&](Connection& c) {
    c.run("DELETE FROM aad_directory_role_members WHERE tenant_id = lower(?) AND member_object_id = lower(?)",
          std::string(tenant_id), std::string(object_id));
    return c.run("DELETE FROM aad_users WHERE tenant_id = lower(?) AND object_id = lower(?)", std::string(tenant_id),
                 std::string(object_id)) > 0;
  });
}

}  // namespace azemu::aad
