// SQL for arm_role_assignments, including the authorizer's one query per request (grants_of: the
// caller's assignments joined with custom role permissions, by the principal_id index). Keys are
// lower-cased here, once. Returns values, never Azure errors.
#pragma once

#include "emulator/store/database.hpp"
#include "fake-arm/authorization/role_assignments/role_assignment_model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace azemu::arm {

class RoleAssignmentStore {
public:
  void insert(store::Connection& c, const RoleAssignment& a) const;
  /// Description, condition and updated* of an existing row (the only mutable fields).
  void update_details(store::Connection& c, const RoleAssignment& a) const;
  std::optional<RoleAssignment> get(store::Connection& c, const std::string& name) const;
  /// The assignment of `role` to `principal` at exactly `scope_key`, if any.
  std::optional<RoleAssignment> find_same(store::Connection& c, const std::string& scope_key, const std::string& role,
                                          const std::string& principal) const;
  /// Every assignment at or below the subscription, optionally of one principal; ordered by scope.
  std::vector<RoleAssignment> list_in_subscription(store::Connection& c, const std::string& subscription_id,
                                                   const std::optional<std::string>& principal) const;
  bool remove(store::Connection& c, const std::string& name) const;
  /// Deletes assignments at `scope_key` and below it; returns how many.
  int remove_under(store::Connection& c, const std::string& scope_key) const;
  bool role_in_use(store::Connection& c, const std::string& role_definition_id) const;

  struct GrantRow {
    std::string scope_key;
    std::string role_definition_id;
    std::optional<std::string> custom_permissions;  // JSON array when the role is a custom one
  };
  /// The principal's assignments with custom-role permissions joined in (one indexed query).
  std::vector<GrantRow> grants_of(store::Connection& c, const std::string& principal_id) const;
};

}  // namespace azemu::arm
