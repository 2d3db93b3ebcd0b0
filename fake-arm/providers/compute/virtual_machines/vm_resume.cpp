// Resuming VMs after an azemu restart; see vm_resume.hpp.
#include "fake-arm/providers/compute/virtual_machines/vm_resume.hpp"

#include "emulator/json/strings.hpp"
#include "emulator/log/log.hpp"
#include "fake-arm/mount.hpp"
#include "fake-arm/core/resource_store.hpp"
#include "fake-arm/providers/compute/compute_state_store.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_build.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_encryption.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_service.hpp"

namespace azemu::arm::compute {

std::size_t resume_running_vms(store::Database& db, const exec::Clock& clock, exec::Jobs& jobs, ports::VmRuntime& runtime,
                               ports::PlatformKeyVault& platform_kv) {
  struct Resume {
    ResourceId id;
    ports::VmSpec spec;
    std::vector<ade::VolumeKey> keys;
  };
  const VmStateStore states;
  const ResourceStore resources;
  const DiskStore disks;
  auto todo = db.write([&](store::Connection& c) {
    std::vector<Resume> out;
    std::vector<ResourceId> ids = states.with_power(c, PowerState::running);
    for (auto& id : states.with_power(c, PowerState::starting)) ids.push_back(id);
    for (const auto& key : ids) {
      auto r = resources.get(c, key);
      if (!r || !text::iequals(r->type, kVmType)) continue;
      VirtualMachine vm = vm_from_body(r->id, r->body);
      // A VM still being created or deleted when azemu stopped has no operation left to finish it;
      // its guest is booted like any other and the model keeps its provisioningState.
      states.set_power(c, vm.id, PowerState::starting, clock.now_unix());
      out.push_back({vm.id, vm_spec(vm), ade::volume_keys(vm, disk_collections(c, disks, vm))});
    }
    return out;
  });
  for (auto& r : todo) {
    jobs.post([&db, &clock, &runtime, &platform_kv, states, resources, r] {
      std::string key_problem;
      std::string error = call_runtime([&] {
        // As at every start, the platform fetches and unwraps the BEK first (vm_encryption.hpp).
        key_problem = provide_bek(ade::DiskEncryptionPlatform(platform_kv), runtime, r.spec.vm_id, r.keys);
        runtime.start(r.spec);
      });
      if (!error.empty() && !key_problem.empty()) error += " (" + key_problem + ")";
      if (error.empty()) {
        log::write(log::Level::info, "VM running again after restart", {{"vm", r.id.str()}});
      } else {
        log::write(log::Level::warn, "VM could not be started again after restart", {{"vm", r.id.str()}, {"error", error}});
      }
      db.write([&](store::Connection& c) {
        // The VM may have been deleted meanwhile (the row went with it): then there is nothing to record.
        if (!resources.get(c, r.id)) return;
        if (error.empty()) states.set_power(c, r.id, PowerState::running, clock.now_unix());
        else
          states.set_power(c, r.id, PowerState::stopped, clock.now_unix(),
                           "azemu restarted and could not boot the VM again: " + error + " (start it with 'az vm start')");
      });
    });
  }
  return todo.size();
}

}  // namespace azemu::arm::compute

namespace azemu::arm {
std::size_t resume_vms(ArmDeps& deps) { return compute::resume_running_vms(deps.db, deps.clock, deps.jobs, deps.vms, deps.platform_kv); }
}  // namespace azemu::arm
