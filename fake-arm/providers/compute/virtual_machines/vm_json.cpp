// Wire mapping of Microsoft.Compute/virtualMachines; see vm_model.hpp for why properties stay JSON.
#include "fake-arm/providers/compute/virtual_machines/vm_model.hpp"

#include "fake-arm/providers/compute/compute_common.hpp"

namespace azemu::arm::compute {

namespace {
const nlohmann::json& at_path(const nlohmann::json& j, std::initializer_list<const char*> path, const nlohmann::json& fallback) {
  const nlohmann::json* cur = &j;
  for (const char* k : path) {
    if (!cur->is_object() || !cur->contains(k)) return fallback;
    cur = &cur->at(k);
  }
  return *cur;
}
const nlohmann::json kEmptyObject = nlohmann::json::object();
const nlohmann::json kEmptyArray = nlohmann::json::array();
}  // namespace

std::string VirtualMachine::vm_id() const { return properties.value("vmId", ""); }
std::string VirtualMachine::provisioning_state() const { return properties.value("provisioningState", "Succeeded"); }
std::string VirtualMachine::size() const {
  const auto& s = at_path(properties, {"hardwareProfile", "vmSize"}, kEmptyObject);
  return s.is_string() ? s.get<std::string>() : "";
}
const nlohmann::json& VirtualMachine::os_disk() const { return at_path(properties, {"storageProfile", "osDisk"}, kEmptyObject); }
const nlohmann::json& VirtualMachine::data_disks() const {
  const auto& d = at_path(properties, {"storageProfile", "dataDisks"}, kEmptyArray);
  return d.is_array() ? d : kEmptyArray;
}
const nlohmann::json& VirtualMachine::nics() const {
  const auto& n = at_path(properties, {"networkProfile", "networkInterfaces"}, kEmptyArray);
  return n.is_array() ? n : kEmptyArray;
}

nlohmann::json to_json(const VirtualMachine& vm) {
  nlohmann::json j = {{"name", vm.id.name()}, {"id", vm.id.str()}, {"type", kVmType}, {"location", vm.location},
                      {"tags", vm.tags}};
  for (auto& [k, v] : vm.extras.items()) j[k] = v;
  j["properties"] = vm.properties;
  return j;
}

VirtualMachine vm_from_body(const ResourceId& id, const nlohmann::json& body) {
  VirtualMachine vm;
  vm.id = id;
  vm.location = body.value("location", "");
  vm.tags = body.value("tags", nlohmann::json::object());
  for (const char* k : kVmExtraMembers)
    if (body.contains(k) && !body[k].is_null()) vm.extras[k] = body[k];
  vm.properties = body.value("properties", nlohmann::json::object());
  return vm;
}

StoredResource to_stored(const VirtualMachine& vm, std::int64_t now) {
  return StoredResource{vm.id, kVmType, vm.location, vm.tags, to_json(vm), now, now};
}

}  // namespace azemu::arm::compute
