// Wire mapping of the tags wrapper resource; see tags_model.hpp.
#include "fake-arm/resources/tags/tags_model.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/core/tags.hpp"
#include "fake-arm/errors.hpp"

namespace azemu::arm {

namespace {
nlohmann::json tags_of_properties(const nlohmann::json& body) {
  if (!body.is_object()) throw errors::invalid_request_content("the request body must be a JSON object");
  const auto props = body.find("properties");
  if (props == body.end() || !props->is_object())
    throw errors::invalid_request_content("'properties' must be an object holding 'tags'");
  const auto tags = props->find("tags");
  return validated_tags(tags == props->end() ? nlohmann::json() : *tags);
}
}  // namespace

nlohmann::json tags_from_put_body(const nlohmann::json& body) { return tags_of_properties(body); }

TagsPatch tags_patch_from_json(const nlohmann::json& body) {
  TagsPatch p;
  p.tags = tags_of_properties(body);
  const std::string op = body.contains("operation") && body["operation"].is_string() ? body["operation"].get<std::string>() : "";
  if (text::iequals(op, "Merge")) p.operation = TagsOperation::merge;
  else if (text::iequals(op, "Replace")) p.operation = TagsOperation::replace;
  else if (text::iequals(op, "Delete")) p.operation = TagsOperation::remove;
  else throw errors::invalid_request_content("'operation' must be one of Merge, Replace, Delete, not '" + op + "'");
  return p;
}

nlohmann::json tags_resource_json(const ResourceId& scope, const nlohmann::json& tags) {
  return {{"id", scope.str() + "/providers/Microsoft.Resources/tags/default"},
          {"name", "default"},
          {"type", "Microsoft.Resources/tags"},
          {"properties", {{"tags", tags}}}};
}

}  // namespace azemu::arm
