// Role assignment wire shape (Spec: authorization/stable/2022-04-01/authorization-RoleAssignmentsCalls.json
// RoleAssignment; az 2.45 calls it at 2020-04-01-preview, same properties). Wire names live here once.
#include "fake-arm/authorization/role_assignments/role_assignment_model.hpp"

#include "emulator/exec/clock.hpp"
#include "fake-arm/authorization/role_definitions/role_definition_model.hpp"
#include "fake-arm/core/resource_id.hpp"
#include "fake-arm/errors.hpp"

namespace azemu::arm {

namespace {
std::optional<std::string> optional_string(const nlohmann::json& j, const char* field) {
  if (!j.contains(field) || j[field].is_null()) return std::nullopt;
  if (!j[field].is_string()) throw errors::invalid_request_content(std::string(field) + " must be a string");
  return j[field].get<std::string>();
}

nlohmann::json nullable(const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }
}  // namespace

std::string RoleAssignment::id() const {
  return (scope == "/" ? "" : scope) + "/providers/Microsoft.Authorization/roleAssignments/" + name;
}

RoleAssignmentPut role_assignment_put_from_json(const nlohmann::json& body) {
  if (!body.is_object()) throw errors::invalid_request_content("the request body must be a JSON object");
  const nlohmann::json props = body.value("properties", nlohmann::json::object());
  if (!props.is_object()) throw errors::invalid_request_content("properties must be an object");
  RoleAssignmentPut in;
  in.role_definition_id = optional_string(props, "roleDefinitionId").value_or("");
  in.principal_id = optional_string(props, "principalId").value_or("");
  in.principal_type = optional_string(props, "principalType");
  in.description = optional_string(props, "description");
  in.condition = optional_string(props, "condition");
  in.condition_version = optional_string(props, "conditionVersion");
  return in;
}

nlohmann::json to_json(const RoleAssignment& a) {
  // Observed: roleDefinitionId is printed under the assignment's own subscription.
  auto scope_id = ResourceId::parse(a.scope);
  const std::string sub = scope_id ? scope_id->subscription_id() : "";
  return {{"id", a.id()},
          {"name", a.name},
          {"type", "Microsoft.Authorization/roleAssignments"},
          {"properties",
           {{"roleDefinitionId", role_definition_resource_id(sub, a.role_definition_id)},
            {"principalId", a.principal_id},
            {"principalType", a.principal_type},
            {"scope", a.scope},
            {"condition", nullable(a.condition)},
            {"conditionVersion", nullable(a.condition_version)},
            {"createdOn", exec::iso8601(a.created_at)},
            {"updatedOn", exec::iso8601(a.updated_at)},
            {"createdBy", nullable(a.created_by)},
            {"updatedBy", nullable(a.updated_by)},
            {"delegatedManagedIdentityResourceId", nullptr},
            {"description", nullable(a.description)}}}};
}

}  // namespace azemu::arm
