// SQL for arm_resource_groups. Names are matched through their lower-cased key.
#pragma once

#include "emulator/store/database.hpp"
#include "fake-arm/resources/resource_groups/resource_group_model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace azemu::arm {

class ResourceGroupStore {
public:
  std::optional<ResourceGroup> get(store::Connection& c, const std::string& subscription_id, const std::string& name) const;
  std::vector<ResourceGroup> list(store::Connection& c, const std::string& subscription_id) const;
  /// Insert or full update (the original name casing and created_at are kept on update).
  void upsert(store::Connection& c, const ResourceGroup& g) const;
  bool remove(store::Connection& c, const std::string& subscription_id, const std::string& name) const;
};

}  // namespace azemu::arm
