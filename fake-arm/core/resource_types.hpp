// ResourceTypes: the resource types a template deployment can create, by full type name
// ("Microsoft.Network/virtualNetworks", "Microsoft.Compute/virtualMachines/extensions"), each with
// the same semantics as its provider's own PUT/GET/DELETE routes. Providers register an adapter
// over their service in ArmRuntime (mount.cpp); the deployment engine looks types up here, so a
// template-created VNet and an `az network vnet create` one are the same code path.
#pragma once

#include "emulator/auth/principal.hpp"
#include "fake-arm/core/resource_id.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azemu::arm {

class DeployableType {
public:
  virtual ~DeployableType() = default;
  /// PUT semantics of the provider (create or update from an ARM body: location, tags, sku, zones,
  /// plan, identity, kind, properties); blocks until the resource is provisioned (a deployment runs
  /// on exec::Jobs) and returns the body its GET serves. Throws AzureError as the PUT route would.
  virtual nlohmann::json put(const auth::Principal& caller, const ResourceId& id, const nlohmann::json& body,
                             const std::string& api_version) const = 0;
  /// The body GET serves, or nullopt when absent (reference(), what-if, complete mode).
  virtual std::optional<nlohmann::json> get(const auth::Principal& caller, const ResourceId& id) const = 0;
  /// DELETE semantics; blocks until gone. False when it did not exist.
  virtual bool remove(const auth::Principal& caller, const ResourceId& id) const = 0;
};

class ResourceTypes {
public:
  /// `full_type` is matched ignoring case; the adapter must outlive this registry.
  void add(const std::string& full_type, const DeployableType& type);
  const DeployableType* find(std::string_view full_type) const;
  std::vector<std::string> names() const;

private:
  std::map<std::string, const DeployableType*> by_key_;  // lower-cased full type
  std::vector<std::string> names_;
};

}  // namespace azemu::arm
