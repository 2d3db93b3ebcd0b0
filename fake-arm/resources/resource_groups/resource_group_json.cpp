// Resource group wire shape (Spec: resources.json ResourceGroup; observed answer to `az group create`).
#include "fake-arm/resources/resource_groups/resource_group_model.hpp"

#include "fake-arm/core/tags.hpp"
#include "fake-arm/errors.hpp"

namespace azemu::arm {

namespace {
void require_object(const nlohmann::json& body) {
  if (!body.is_object()) throw errors::invalid_request_content("the request body must be a JSON object");
}

std::optional<std::string> optional_string(const nlohmann::json& body, const char* field) {
  if (!body.contains(field) || body[field].is_null()) return std::nullopt;
  if (!body[field].is_string()) throw errors::invalid_request_content(std::string(field) + " must be a string");
  return body[field].get<std::string>();
}
}  // namespace

ResourceGroupPut resource_group_put_from_json(const nlohmann::json& body) {
  require_object(body);
  ResourceGroupPut in;
  in.location = optional_string(body, "location").value_or("");
  in.tags = validated_tags(body.value("tags", nlohmann::json()));
  in.managed_by = optional_string(body, "managedBy");
  return in;
}

ResourceGroupPatch resource_group_patch_from_json(const nlohmann::json& body) {
  require_object(body);
  ResourceGroupPatch in;
  if (body.contains("tags")) in.tags = validated_tags(body["tags"]);
  if (body.contains("managedBy")) in.managed_by = optional_string(body, "managedBy");
  return in;
}

nlohmann::json to_json(const ResourceGroup& g) {
  nlohmann::json j = {{"id", g.id().str()},
                      {"name", g.name},
                      {"type", "Microsoft.Resources/resourceGroups"},
                      {"location", g.location},
                      {"tags", g.tags},
                      {"properties", {{"provisioningState", "Succeeded"}}}};
  if (g.managed_by) j["managedBy"] = *g.managed_by;
  return j;
}

}  // namespace azemu::arm
