// Role definition wire shape (Spec: authorization/stable/2022-04-01/authorization-RoleDefinitionsCalls.json
// RoleDefinition; az 2.45 reads it at 2018-01-01-preview, same shape). Wire names are written here once.
#include "fake-arm/authorization/role_definitions/role_definition_model.hpp"

#include "emulator/exec/clock.hpp"
#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"
#include "fake-arm/errors.hpp"

namespace azemu::arm {

namespace {
constexpr std::string_view kDefinitionsSegment = "/providers/Microsoft.Authorization/roleDefinitions/";

std::vector<std::string> string_list(const nlohmann::json& j, const char* field) {
  std::vector<std::string> out;
  if (!j.contains(field) || j[field].is_null()) return out;
  if (!j[field].is_array()) throw errors::invalid_request_content(std::string(field) + " must be an array of strings");
  for (const auto& v : j[field]) {
    if (!v.is_string()) throw errors::invalid_request_content(std::string(field) + " must be an array of strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}

std::optional<std::string> optional_string(const nlohmann::json& j, const char* field) {
  if (!j.contains(field) || j[field].is_null()) return std::nullopt;
  if (!j[field].is_string()) throw errors::invalid_request_content(std::string(field) + " must be a string");
  return j[field].get<std::string>();
}

nlohmann::json nullable(const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }
}  // namespace

const char* to_string(RoleType t) { return t == RoleType::built_in ? "BuiltInRole" : "CustomRole"; }

std::string role_definition_resource_id(const std::string& subscription_id, const std::string& guid) {
  std::string prefix = subscription_id.empty() ? "" : "/subscriptions/" + subscription_id;
  return prefix + std::string(kDefinitionsSegment) + guid;
}

std::optional<std::string> role_definition_guid(std::string_view raw) {
  std::string_view guid = raw;
  const std::string lower = text::to_lower(raw);
  auto at = lower.rfind(text::to_lower(kDefinitionsSegment));
  if (at != std::string::npos) {
    // Whatever precedes the provider segment must itself be a scope ("" = tenant, or /subscriptions/...).
    std::string_view before = raw.substr(0, at);
    if (!before.empty() && !text::istarts_with(before, "/subscriptions/")) return std::nullopt;
    guid = raw.substr(at + kDefinitionsSegment.size());
  }
  if (!ids::is_guid(guid)) return std::nullopt;
  return text::to_lower(guid);
}

nlohmann::json to_json(const Permission& p) {
  return {{"actions", p.actions},
          {"notActions", p.not_actions},
          {"dataActions", p.data_actions},
          {"notDataActions", p.not_data_actions}};
}

Permission permission_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw errors::invalid_request_content("permissions must be an array of objects");
  return {string_list(j, "actions"), string_list(j, "notActions"), string_list(j, "dataActions"),
          string_list(j, "notDataActions")};
}

nlohmann::json to_json(const RoleDefinition& d, const std::string& subscription_id) {
  nlohmann::json permissions = nlohmann::json::array();
  for (const auto& p : d.permissions) permissions.push_back(to_json(p));
  return {{"id", role_definition_resource_id(subscription_id, d.id)},
          {"name", d.id},
          {"type", "Microsoft.Authorization/roleDefinitions"},
          {"properties",
           {{"roleName", d.role_name},
            {"type", to_string(d.type)},
            {"description", d.description},
            {"assignableScopes", d.assignable_scopes},
            {"permissions", permissions},
            {"createdOn", exec::iso8601(d.created_at)},
            {"updatedOn", exec::iso8601(d.updated_at)},
            {"createdBy", nullable(d.created_by)},
            {"updatedBy", nullable(d.updated_by)}}}};
}

RoleDefinitionPut role_definition_put_from_json(const nlohmann::json& body) {
  if (!body.is_object()) throw errors::invalid_request_content("the request body must be a JSON object");
  const nlohmann::json props = body.value("properties", nlohmann::json::object());
  if (!props.is_object()) throw errors::invalid_request_content("properties must be an object");
  RoleDefinitionPut in;
  in.role_name = optional_string(props, "roleName").value_or("");
  in.type = optional_string(props, "type");
  in.description = optional_string(props, "description").value_or("");
  in.assignable_scopes = string_list(props, "assignableScopes");
  if (props.contains("permissions") && !props["permissions"].is_null()) {
    if (!props["permissions"].is_array()) throw errors::invalid_request_content("permissions must be an array");
    for (const auto& p : props["permissions"]) in.permissions.push_back(permission_from_json(p));
  }
  return in;
}

}  // namespace azemu::arm
