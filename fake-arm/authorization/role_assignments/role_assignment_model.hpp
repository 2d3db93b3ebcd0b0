// Role assignments as plain structs, the typed PUT input, and their wire mapping
// (role_assignment_json.cpp). Semantics (validation, duplicates, inheritance) live in the service.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace azemu::arm {

struct RoleAssignment {
  std::string name;                // GUID, the last id segment
  std::string scope;               // canonical scope id ("/subscriptions/{s}/resourceGroups/{rg}")
  std::string role_definition_id;  // lower-case GUID of the role definition
  std::string principal_id;        // lower-case object id
  std::string principal_type;      // User | ServicePrincipal | Group
  std::string tenant_id;
  std::optional<std::string> description, condition, condition_version;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::optional<std::string> created_by, updated_by;  // caller object ids; null for seeded rows

  /// scope + "/providers/Microsoft.Authorization/roleAssignments/" + name.
  std::string id() const;
};

/// PUT body (Spec: RoleAssignmentCreateParameters). Values as sent; the service validates them.
struct RoleAssignmentPut {
  std::string role_definition_id;
  std::string principal_id;
  std::optional<std::string> principal_type, description, condition, condition_version;
};

/// Strict parsing: non-object body or mistyped fields are InvalidRequestContent.
RoleAssignmentPut role_assignment_put_from_json(const nlohmann::json& body);
/// {id,name,type,properties{roleDefinitionId,principalId,principalType,scope,condition,...}}.
nlohmann::json to_json(const RoleAssignment& a);

}  // namespace azemu::arm
