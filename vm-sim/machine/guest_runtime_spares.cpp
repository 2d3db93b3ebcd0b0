// GuestRuntime's warm guests: booting a spare (the pool's thread) and a create() that adopts one.
// A spare is booted as the VM a default `az vm create` makes, minus what names the VM: no data
// disks, no BEK volume, no provisioning. Adopting it gives it the VM's files, hot-plugs the VM's
// data disks and BEK volume, and sends the same provision request as after a cold boot, so the
// guest ends up as a cold boot would have left it. What a spare cannot stand for boots cold.
#include "vm-sim/machine/guest_runtime.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/log/log.hpp"
#include "vm-sim/machine/disk_files.hpp"
#include "vm-sim/machine/guest_runtime_vm.hpp"

#include <filesystem>
#include <fstream>

namespace azemu::vm {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

bool GuestRuntime::wait_for_spares(std::chrono::steady_clock::time_point deadline) {
  return spares_ && spares_->wait_full(deadline);
}

bool GuestRuntime::fits_spare(const ports::VmSpec& s) const {
  const SpareShape& shape = options_.spare_shape;
  return (shape.image.empty() || shape.image == s.image) &&
         hypervisor_->guest_memory_mb(s.memory_mb) == hypervisor_->guest_memory_mb(shape.memory_mb) &&
         s.cpus == shape.cpus && bytes_of(s.os_disk.size_gb) == bytes_of(shape.os_disk_gb) &&
         static_cast<int>(s.data_disks.size()) <= hypervisor_->max_data_disks();
}

Spare GuestRuntime::boot_spare() {
  const SpareShape& shape = options_.spare_shape;
  Spare spare;
  const std::string id = ids::new_guid();  // names the guest's UML umid and network namespace, as a vm_id does
  spare.dir = options_.data_dir + "/spares/" + id;
  fs::create_directories(spare.dir);
  try {
    MachineLaunch launch;
    launch.vm_id = id;
    launch.vm_dir = spare.dir;
    launch.memory_mb = shape.memory_mb;
    launch.cpus = shape.cpus;
    launch.os_disk = spare.dir + "/os.img";
    hypervisor_->prepare_os_disk({id, launch.os_disk, bytes_of(shape.os_disk_gb), "", [](const std::string&) {}});
    launch.resource_disk = spare.dir + "/resource.img";
    create_sparse_disk(launch.resource_disk, options_.resource_disk_gb * kGiB);
    launch.network = options_.network;
    if (options_.network) {
      launch.ssh_port = free_loopback_port();
      std::ofstream(spare.dir + "/ssh_port") << launch.ssh_port << '\n';  // the adopting VM keeps it across restarts
      launch.to_host = options_.to_host;
    }
    launch.boot_timeout = options_.boot_timeout;
    launch.timeouts = options_.timeouts;
    spare.guest = hypervisor_->boot(launch);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(spare.dir, ec);
    throw;
  }
  return spare;
}

bool GuestRuntime::adopt_spare(Vm& v) {
  if (!spares_ || !fits_spare(v.spec)) return false;
  // An OS disk that exists already (an attached disk, a leftover) is not the image's fresh copy.
  const std::string os_disk = disk_path(os_disk_id(v.spec));
  if (fs::exists(os_disk)) return false;
  auto spare = spares_->take();
  if (!spare) return false;
  {
    std::lock_guard l(v.seen);
    v.status.power = ports::GuestPower::starting;
    v.status.agent_ready = false;
    v.status.agent_message = "VM is starting";
  }
  const auto started = Clock::now();
  try {
    v.guest = adopt_spare_files(std::move(*spare), v.dir, os_disk);
    persist(v);
    auto data = v.spec.data_disks;
    std::sort(data.begin(), data.end(), [](auto& a, auto& b) { return a.lun < b.lun; });
    for (const auto& d : data) {  // in LUN order, as a cold boot lays them out
      const std::string path = disk_path(d.disk_id);
      create_sparse_disk(path, bytes_of(d.size_gb));
      v.guest->attach_data_disk(d.lun, path);
    }
    // The guest's disk naming mounts it at /mnt/azure_bek_disk, as rc.sysinit does at a boot.
    if (fs::exists(bek_path(v))) v.guest->replace_bek_volume(bek_path(v), [] {});
    provision(v);
  } catch (const std::exception& e) {
    // Whatever moved stays the VM's (a fresh OS disk, the folder): the cold boot uses it.
    log::write(log::Level::warn, "adopting a spare guest failed, booting cold", {{"vm_id", v.spec.vm_id}, {"error", e.what()}});
    if (v.guest) v.guest->shutdown(0ms);
    v.guest.reset();
    return false;
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
  log::write(log::Level::info, "guest ready",
             {{"vm", v.spec.name}, {"vm_id", v.spec.vm_id}, {"runtime", kind()}, {"boot_ms", ms}, {"warm", true}});
  return true;
}

}  // namespace azemu::vm
