// Microsoft.Resources/resourceGroups as a template resource type (subscription-scope deployments
// create groups): PUT/GET/DELETE through ResourceGroupService, as the ResourceGroups_* routes do.
#pragma once

#include "fake-arm/core/resource_types.hpp"
#include "fake-arm/resources/resource_groups/resource_group_service.hpp"

namespace azemu::arm {

class ResourceGroupDeployable final : public DeployableType {
public:
  explicit ResourceGroupDeployable(const ResourceGroupService& svc) : svc_(svc) {}
  /// `id` is a group id ("/subscriptions/{s}/resourceGroups/{name}").
  nlohmann::json put(const auth::Principal& caller, const ResourceId& id, const nlohmann::json& body,
                     const std::string& api_version) const override;
  std::optional<nlohmann::json> get(const auth::Principal& caller, const ResourceId& id) const override;
  bool remove(const auth::Principal& caller, const ResourceId& id) const override;

private:
  const ResourceGroupService& svc_;
};

}  // namespace azemu::arm
