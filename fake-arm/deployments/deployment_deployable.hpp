// Microsoft.Resources/deployments as a template resource type (nested deployments): a PUT creates
// a real child deployment record at its target scope and runs it to its end on the parent's
// thread; a failed child fails the parent's resource with the child's DeploymentFailed error.
#pragma once

#include "fake-arm/core/resource_types.hpp"
#include "fake-arm/deployments/deployment_service.hpp"

namespace azemu::arm {

class DeploymentDeployable final : public DeployableType {
public:
  explicit DeploymentDeployable(const DeploymentService& svc) : svc_(svc) {}
  nlohmann::json put(const auth::Principal& caller, const ResourceId& id, const nlohmann::json& body,
                     const std::string& api_version) const override;
  std::optional<nlohmann::json> get(const auth::Principal& caller, const ResourceId& id) const override;
  bool remove(const auth::Principal& caller, const ResourceId& id) const override;

private:
  const DeploymentService& svc_;
};

}  // namespace azemu::arm
