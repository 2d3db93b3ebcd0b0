// The built-in Azure role catalog (data in builtin_roles.cpp, the one home for role GUIDs, names
// and permissions). Lookups are case-insensitive and never throw.
#pragma once

#include "fake-arm/authorization/role_definitions/role_definition_model.hpp"

#include <string_view>
#include <vector>

namespace azemu::arm {

// Spec: learn.microsoft.com "Azure built-in roles" (ids are the same in every tenant).
inline constexpr const char* kOwnerRoleId = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
inline constexpr const char* kContributorRoleId = "b24988ac-6180-42a0-ab88-20f7382dd24c";
inline constexpr const char* kReaderRoleId = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
inline constexpr const char* kUserAccessAdministratorRoleId = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";

const std::vector<RoleDefinition>& builtin_roles();
/// The built-in role with this GUID (any case), or nullptr.
const RoleDefinition* find_builtin_role(std::string_view guid);
/// The built-in role with this roleName (any case), or nullptr.
const RoleDefinition* find_builtin_role_by_name(std::string_view role_name);

}  // namespace azemu::arm
