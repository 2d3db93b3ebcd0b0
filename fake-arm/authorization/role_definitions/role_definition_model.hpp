// Role definitions (built-in and custom) as plain structs, the typed PUT input, and their wire
// mapping (role_definition_json.cpp). The built-in catalog is in authorization/builtin_roles.cpp.
// No Azure semantics here: validation and scope rules live in role_definition_service.cpp.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azemu::arm {

/// One permission block. Action patterns may hold '*' wildcards (see authorizer.hpp).
struct Permission {
  std::vector<std::string> actions;
  std::vector<std::string> not_actions;
  std::vector<std::string> data_actions;
  std::vector<std::string> not_data_actions;
};

enum class RoleType { built_in, custom };

struct RoleDefinition {
  std::string id;  // lower-case GUID: the definition's "name"
  std::string role_name;
  RoleType type = RoleType::custom;
  std::string description;
  std::vector<std::string> assignable_scopes;  // built-ins: {"/"}
  std::vector<Permission> permissions;
  std::string tenant_id;  // custom roles only
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::optional<std::string> created_by, updated_by;  // object ids; null for built-ins
};

/// PUT body of a custom role. `type` as sent (must be "CustomRole" when present).
struct RoleDefinitionPut {
  std::string role_name;
  std::optional<std::string> type;
  std::string description;
  std::vector<std::string> assignable_scopes;
  std::vector<Permission> permissions;
};

/// "BuiltInRole" / "CustomRole" (the wire names, written once).
const char* to_string(RoleType t);

/// "/subscriptions/{s}/providers/Microsoft.Authorization/roleDefinitions/{guid}", or the tenant
/// form "/providers/Microsoft.Authorization/roleDefinitions/{guid}" when `subscription_id` is empty.
std::string role_definition_resource_id(const std::string& subscription_id, const std::string& guid);

/// The GUID of a role definition id in any of its printed forms (subscription, resource group,
/// tenant), or of a bare GUID; nullopt when `raw` is neither.
std::optional<std::string> role_definition_guid(std::string_view raw);

/// Wire shape {id,name,type,properties{roleName,type,description,assignableScopes,permissions,...}}.
nlohmann::json to_json(const RoleDefinition& d, const std::string& subscription_id);
nlohmann::json to_json(const Permission& p);
/// Strict parsing of one permission block / a PUT body; mistyped fields are InvalidRequestContent.
Permission permission_from_json(const nlohmann::json& j);
RoleDefinitionPut role_definition_put_from_json(const nlohmann::json& body);

}  // namespace azemu::arm
