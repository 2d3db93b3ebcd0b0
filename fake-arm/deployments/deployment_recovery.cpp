// See deployment_recovery.hpp.
#include "fake-arm/deployments/deployment_recovery.hpp"

#include "fake-arm/deployments/deployment_store.hpp"
#include "fake-arm/errors.hpp"

namespace azemu::arm {

std::size_t fail_interrupted_deployments(store::Connection& c, const AsyncOperations& ops, std::int64_t now_ms) {
  const AzureError e = errors::deployment_interrupted();
  const DeploymentStore store;
  auto active = store.list_active(c);
  for (auto d : active) {
    d.state = DeploymentState::failed;
    d.changed_ms = d.ended_ms.emplace(now_ms);
    d.error = {{"code", e.code()}, {"target", d.id.str()}, {"message", e.message()}};
    store.upsert(c, d);
    for (auto op : store.operations(c, d.id)) {
      if (op.state != "Running") continue;
      op.state = "Failed";
      op.status_code = "InternalServerError";
      op.status_message = {{"status", "Failed"}, {"error", {{"code", e.code()}, {"message", e.message()}}}};
      op.changed_ms = now_ms;
      store.update_operation(c, d.id, op);
    }
    ops.fail(c, d.operation_id, e.code(), e.message());
  }
  return active.size();
}

}  // namespace azemu::arm
