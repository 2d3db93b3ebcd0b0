// Generic resource list item (Spec: resources.json GenericResourceExpanded; observed answer to
// `GET /subscriptions/{s}/resources?$filter=resourceType eq 'Microsoft.KeyVault/vaults'`).
#include "fake-arm/resources/generic/generic_resource_model.hpp"

namespace azemu::arm {

nlohmann::json generic_resource_json(const StoredResource& r) {
  nlohmann::json j = {{"id", r.id.str()},
                      {"name", r.id.full_name()},
                      {"type", r.type},
                      {"location", r.location},
                      {"tags", r.tags}};
  for (const char* optional_field : {"kind", "sku", "managedBy", "identity", "plan"})
    if (r.body.is_object() && r.body.contains(optional_field) && !r.body[optional_field].is_null())
      j[optional_field] = r.body[optional_field];
  return j;
}

}  // namespace azemu::arm
