// `azemu reset`: every VM's guest and every managed disk's image goes away with the cloud; see
// mount.hpp forget_all_machines. Runs synchronously (the control API answers when it is done).
#include "emulator/json/strings.hpp"
#include "emulator/log/log.hpp"
#include "fake-arm/mount.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_model.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_service.hpp"

namespace azemu::arm {

std::size_t forget_all_machines(store::Database& db, ports::VmRuntime& runtime) {
  struct Machine {
    std::string vm_id;
    std::vector<std::string> data_disks;
  };
  std::vector<Machine> machines;
  std::vector<std::string> disks;
  db.read([&](store::Connection& c) {
    auto s = c.query("SELECT id, body, type_key FROM arm_resources WHERE type_key IN (?, ?) ORDER BY id_key",
                     text::to_lower(compute::kVmType), text::to_lower(compute::kDiskType));
    while (s.step()) {
      auto id = ResourceId::parse(s.text(0));
      if (!id) continue;
      if (s.text(2) == text::to_lower(compute::kDiskType)) {
        disks.push_back(id->str());
        continue;
      }
      compute::VirtualMachine vm = compute::vm_from_body(*id, nlohmann::json::parse(s.text(1)));
      Machine m{vm.vm_id(), {}};
      for (const auto& d : vm.data_disks()) m.data_disks.push_back(compute::managed_disk_id(d));
      machines.push_back(std::move(m));
    }
  });
  for (const auto& m : machines) {
    std::string error = compute::call_runtime([&] { runtime.remove(m.vm_id, false, m.data_disks); });
    if (!error.empty()) log::write(log::Level::warn, "reset: a VM's guest could not be removed", {{"vm", m.vm_id}, {"error", error}});
  }
  // Data disks went with their VMs; the rest (unattached, or OS disks kept by deleteOption) here.
  for (const auto& d : disks) compute::call_runtime([&] { runtime.delete_disk(d); });
  return machines.size();
}

}  // namespace azemu::arm
