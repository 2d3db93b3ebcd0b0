// `azemu snapshot`: the guests of running VMs are stopped so their disk images are copied at rest;
// see mount.hpp stop_running_guests. The database keeps saying "running": resume_vms (after a save)
// or the restored database (after a restore) decides which guests boot again.
#include "emulator/json/strings.hpp"
#include "emulator/log/log.hpp"
#include "fake-arm/core/resource_store.hpp"
#include "fake-arm/mount.hpp"
#include "fake-arm/providers/compute/compute_state_store.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_model.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_service.hpp"

namespace azemu::arm {

std::size_t stop_running_guests(store::Database& db, ports::VmRuntime& runtime) {
  const compute::VmStateStore states;
  const ResourceStore resources;
  std::vector<std::string> vm_ids;
  db.read([&](store::Connection& c) {
    std::vector<ResourceId> ids = states.with_power(c, compute::PowerState::running);
    for (auto& id : states.with_power(c, compute::PowerState::starting)) ids.push_back(id);
    for (const auto& key : ids) {
      auto r = resources.get(c, key);
      if (!r || !text::iequals(r->type, compute::kVmType)) continue;
      vm_ids.push_back(compute::vm_from_body(r->id, r->body).vm_id());
    }
  });
  for (const auto& id : vm_ids) {
    std::string error = compute::call_runtime([&] { runtime.stop(id); });
    if (!error.empty()) log::write(log::Level::warn, "snapshot: a VM's guest could not be stopped", {{"vm", id}, {"error", error}});
  }
  return vm_ids.size();
}

}  // namespace azemu::arm
