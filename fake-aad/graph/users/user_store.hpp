// SQL for Graph's user operations over aad_users (row mapping in directory/directory_rows). Every
// write is one transaction; returns values and outcomes, never Graph errors.
#pragma once

#include "fake-aad/directory/directory_model.hpp"

#include "emulator/store/database.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azemu::aad {

enum class UserInsert { inserted, upn_taken };

class UserStore {
public:
  explicit UserStore(store::Database& db) : db_(db) {}

  /// Users of a tenant, oldest first (the paging order).
  std::vector<User> list(std::string_view tenant_id) const;
  /// By object id, or by UPN (case-insensitive) when `id_or_upn` contains '@'.
  std::optional<User> find(std::string_view tenant_id, std::string_view id_or_upn) const;
  UserInsert insert(const User& u);
  /// Deletes the user and its directory role memberships (its refresh tokens and device codes go
  /// by foreign-key cascade). False when no such user.
  bool remove(std::string_view tenant_id, std::string_view object_id);

private:
  store::Database& db_;
};

}  // namespace azemu::aad
