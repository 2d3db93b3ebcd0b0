// The tags wrapper resource of any scope ({scope}/providers/Microsoft.Resources/tags/default, Spec: resources.json
// Tags_*AtScope): the PUT and PATCH inputs and the wire mapping (tags_json.cpp). It holds no tags of its own: they
// are the "tags" of the group or resource at the scope.
#pragma once

#include "fake-arm/core/resource_id.hpp"

#include <nlohmann/json.hpp>

namespace azemu::arm {

/// PATCH "operation": Merge adds and overwrites, Replace sets the whole set, Delete removes by name or name=value.
enum class TagsOperation { merge, replace, remove };

struct TagsPatch {
  TagsOperation operation = TagsOperation::merge;
  nlohmann::json tags = nlohmann::json::object();
};

/// PUT body {"properties": {"tags": {...}}}: the validated tags. Throws InvalidRequestContent, InvalidTag*.
nlohmann::json tags_from_put_body(const nlohmann::json& body);
/// PATCH body {"operation": "Merge" | "Replace" | "Delete" (any case), "properties": {"tags": {...}}}.
/// Throws InvalidRequestContent (no or another operation, wrong shapes), InvalidTag*.
TagsPatch tags_patch_from_json(const nlohmann::json& body);
/// {"id": "{scope}/providers/Microsoft.Resources/tags/default", "name": "default",
///  "type": "Microsoft.Resources/tags", "properties": {"tags": {...}}}.
nlohmann::json tags_resource_json(const ResourceId& scope, const nlohmann::json& tags);

}  // namespace azemu::arm
