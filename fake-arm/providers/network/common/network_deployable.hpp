// The template-deployment face (core/resource_types.hpp) of any Microsoft.Network type: the same
// NetworkApi calls as its routes, so `az vm create`'s deployment and `az network ...` share code.
// Writes finish synchronously, so put() returns the final body at once.
#pragma once

#include "fake-arm/core/resource_types.hpp"
#include "fake-arm/providers/network/common/network_service.hpp"

namespace azemu::arm {

class NetworkDeployable : public DeployableType {
public:
  explicit NetworkDeployable(const NetworkApi& api) : api_(api) {}
  nlohmann::json put(const auth::Principal& caller, const ResourceId& id, const nlohmann::json& body,
                     const std::string&) const override {
    return api_.put(caller, id, body).body;
  }
  std::optional<nlohmann::json> get(const auth::Principal& caller, const ResourceId& id) const override {
    return api_.find(caller, id);
  }
  bool remove(const auth::Principal& caller, const ResourceId& id) const override { return api_.remove(caller, id).has_value(); }

private:
  const NetworkApi& api_;
};

}  // namespace azemu::arm
