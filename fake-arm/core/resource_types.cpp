#include "fake-arm/core/resource_types.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::arm {

void ResourceTypes::add(const std::string& full_type, const DeployableType& type) {
  by_key_[text::to_lower(full_type)] = &type;
  names_.push_back(full_type);
}

const DeployableType* ResourceTypes::find(std::string_view full_type) const {
  auto it = by_key_.find(text::to_lower(std::string(full_type)));
  return it == by_key_.end() ? nullptr : it->second;
}

std::vector<std::string> ResourceTypes::names() const { return names_; }

}  // namespace azemu::arm
