// The generic view of any stored resource (GET /resources lists and provider paths that no
// resource provider serves yet) and its wire mapping (generic_resource_json.cpp).
#pragma once

#include "fake-arm/core/resource_id.hpp"
#include "fake-arm/core/resource_store.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace azemu::arm {

/// A provider path below ".../providers/{ns}/": either one resource or a collection of a type.
struct ProviderPath {
  std::optional<ResourceId> resource;  // set for ".../{type}/{name}[/{type}/{name}...]"
  ResourceId collection_parent = ResourceId::subscription("");  // collections: the enclosing scope
  std::string collection_type;         // collections: full type "Microsoft.KeyVault/vaults"
  bool is_collection() const { return !resource; }
};

/// List item of GET /resources: {id,name,type,location,tags[,kind,sku,managedBy,identity,plan]}.
nlohmann::json generic_resource_json(const StoredResource& r);

}  // namespace azemu::arm
