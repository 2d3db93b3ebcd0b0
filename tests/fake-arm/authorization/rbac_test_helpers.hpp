// Shared helpers for the RBAC tests: principals that have no role until a test grants one (rows are
// written straight into arm_role_assignments: enforcement never asks the directory), and URL builders.
#pragma once

#include "emulator/ids/guid.hpp"
#include "fake-arm/authorization/role_assignments/role_assignment_store.hpp"
#include "tests/fake-arm/arm_test_helpers.hpp"

#include <string>

namespace azemu::testing {

inline const std::string kNobodyOid = "33333333-0000-4000-8000-000000000001";
inline const std::string kNobodyApp = "33333333-0000-4000-8000-000000000002";

/// Inserts an assignment of built-in `role_guid` to `oid` at `scope` (no checks).
inline void grant(TestStack& stack, const std::string& oid, const std::string& role_guid, const std::string& scope) {
  arm::RoleAssignment a;
  a.name = ids::name_guid(oid + "|" + role_guid + "|" + scope);
  a.scope = scope;
  a.role_definition_id = role_guid;
  a.principal_id = oid;
  a.principal_type = "ServicePrincipal";
  a.tenant_id = stack.seed().tenant_id;
  stack.db().write([&](store::Connection& c) { arm::RoleAssignmentStore().insert(c, a); });
}

/// A token for the role-less service principal kNobodyOid / kNobodyApp.
inline std::string nobody_token(TestStack& stack) { return stack.mint({{"oid", kNobodyOid}, {"appid", kNobodyApp}}); }

inline std::string sub_scope(const ArmFixture& f) { return "/subscriptions/" + f.sub; }
inline std::string rg_scope(const ArmFixture& f, const std::string& rg) { return sub_scope(f) + "/resourceGroups/" + rg; }
/// Absolute URL of "{scope}{rest}" with an api-version.
inline std::string scope_url(const std::string& scope, const std::string& rest, const std::string& api = "2022-04-01") {
  return kArm + scope + rest + (rest.find('?') == std::string::npos ? "?" : "&") + "api-version=" + api;
}

}  // namespace azemu::testing
