// See vm_encryption.hpp.
#include "fake-arm/providers/compute/virtual_machines/vm_encryption.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_service.hpp"

namespace azemu::arm::compute {

ade::DiskCollections disk_collections(store::Connection& c, const DiskStore& disks, const VirtualMachine& vm) {
  ade::DiskCollections out;
  auto add = [&](const nlohmann::json& entry) {
    if (!entry.is_object() || !entry.contains("managedDisk") || !entry["managedDisk"].is_object()) return;
    const std::string id_text = entry["managedDisk"].value("id", "");
    auto id = ResourceId::parse(id_text);
    if (!id || !id->is_resource()) return;
    if (auto d = disks.get(c, *id); d && d->encryption_settings_collection.is_object())
      out[text::to_lower(id_text)] = d->encryption_settings_collection;
  };
  add(vm.os_disk());
  for (const auto& d : vm.data_disks()) add(d);
  return out;
}

std::string provide_bek(const ade::DiskEncryptionPlatform& platform, ports::VmRuntime& runtime,
                        const std::string& vm_guid, const std::vector<ade::VolumeKey>& keys) {
  if (keys.empty()) return "";
  ade::BekFetch fetched = platform.fetch_bek(keys);
  runtime.set_bek_volume(vm_guid, fetched.volume);
  return fetched.problem;
}

ade::DiskCollections VirtualMachineService::disk_collections(store::Connection& c, const VirtualMachine& vm) const {
  return compute::disk_collections(c, disks_, vm);
}

std::vector<ade::VolumeKey> VirtualMachineService::boot_keys(store::Connection& c, const VirtualMachine& vm) const {
  return ade::volume_keys(vm, disk_collections(c, vm));
}

std::string VirtualMachineService::provide_bek(const std::string& vm_guid, const std::vector<ade::VolumeKey>& keys) const {
  return compute::provide_bek(platform_, runtime_, vm_guid, keys);
}

}  // namespace azemu::arm::compute
