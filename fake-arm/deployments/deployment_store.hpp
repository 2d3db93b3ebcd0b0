// SQL for arm_deployments and arm_deployment_operations. Ids are matched through their
// lower-cased key; everything but the indexed columns travels as one JSON body per row.
#pragma once

#include "emulator/store/database.hpp"
#include "fake-arm/deployments/deployment_model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace azemu::arm {

class DeploymentStore {
public:
  std::optional<Deployment> get(store::Connection& c, const ResourceId& id) const;
  /// Deployments directly at a scope: `group` empty → the subscription's own (not its groups'), by id.
  std::vector<Deployment> list(store::Connection& c, const std::string& subscription_id, const std::string& group) const;
  /// Every Accepted/Running deployment (crash recovery).
  std::vector<Deployment> list_active(store::Connection& c) const;
  /// Insert or full update; operations are kept (clear_operations() drops them).
  void upsert(store::Connection& c, const Deployment& d) const;
  /// Update only while the stored row is still Accepted/Running (a cancel in between wins); false otherwise.
  bool update_if_active(store::Connection& c, const Deployment& d) const;
  std::optional<DeploymentState> state(store::Connection& c, const ResourceId& id) const;
  bool remove(store::Connection& c, const ResourceId& id) const;

  void add_operation(store::Connection& c, const ResourceId& deployment, const DeploymentOperation& op) const;
  void update_operation(store::Connection& c, const ResourceId& deployment, const DeploymentOperation& op) const;
  std::vector<DeploymentOperation> operations(store::Connection& c, const ResourceId& deployment) const;
  std::optional<DeploymentOperation> operation(store::Connection& c, const ResourceId& deployment,
                                               const std::string& operation_id) const;
  void clear_operations(store::Connection& c, const ResourceId& deployment) const;
};

}  // namespace azemu::arm
