// Resource groups: the model, the typed PUT/PATCH inputs, and their wire mapping
// (resource_group_json.cpp).
#pragma once

#include "fake-arm/core/resource_id.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace azemu::arm {

struct ResourceGroup {
  std::string subscription_id;
  std::string name;       // casing of the first PUT
  std::string location;   // normalised ("westus")
  nlohmann::json tags = nlohmann::json::object();
  std::optional<std::string> managed_by;
  std::int64_t created_at = 0;
  std::int64_t changed_at = 0;

  ResourceId id() const { return ResourceId::resource_group(subscription_id, name); }
};

/// PUT body. `location` empty when absent (the service answers LocationRequired).
struct ResourceGroupPut {
  std::string location;
  nlohmann::json tags = nlohmann::json::object();
  std::optional<std::string> managed_by;
};

/// PATCH body: only present fields change.
struct ResourceGroupPatch {
  std::optional<nlohmann::json> tags;
  std::optional<std::optional<std::string>> managed_by;  // present-and-null clears it
};

/// Strict parsing: a non-object body or mistyped field is InvalidRequestContent; tags are validated.
ResourceGroupPut resource_group_put_from_json(const nlohmann::json& body);
ResourceGroupPatch resource_group_patch_from_json(const nlohmann::json& body);
nlohmann::json to_json(const ResourceGroup& g);

}  // namespace azemu::arm
