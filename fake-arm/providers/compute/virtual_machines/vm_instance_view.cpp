// VM instance view; see vm_instance_view.hpp.
#include "fake-arm/providers/compute/virtual_machines/vm_instance_view.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/providers/compute/catalog/image_catalog.hpp"

namespace azemu::arm::compute {

namespace {
nlohmann::json disk_view(const nlohmann::json& disk, bool with_encryption, const ade::DiskCollections& encrypted) {
  nlohmann::json v = {{"name", disk.value("name", "")},
                      {"statuses", nlohmann::json::array({instance_status("ProvisioningState/succeeded", "Info",
                                                                          "Provisioning succeeded")})}};
  if (with_encryption && disk.contains("encryptionSettings") && !disk["encryptionSettings"].is_null())
    v["encryptionSettings"] = nlohmann::json::array({disk["encryptionSettings"]});
  // Single-pass ADE: the platform stamped the managed disk (research/ade.md §1.4 step 4); the
  // instance view carries its settings and EncryptionState/encrypted, which `az vm encryption
  // show` lists per disk.
  const std::string id = disk.contains("managedDisk") && disk["managedDisk"].is_object()
                             ? text::to_lower(disk["managedDisk"].value("id", "")) : "";
  if (auto it = encrypted.find(id); !id.empty() && it != encrypted.end() && it->second.value("enabled", false)) {
    v["encryptionSettings"] = it->second.value("encryptionSettings", nlohmann::json::array());
    v["statuses"].push_back(instance_status("EncryptionState/encrypted", "Info", "Encryption is enabled on disk"));
  }
  return v;
}

/// The generation the VM boots: its image's (a Gen2 image makes a Gen2 VM); V1 when the image is unknown.
std::string hyper_v_generation(const nlohmann::json& ref) {
  auto text_at = [&](const char* k) { return ref.contains(k) && ref[k].is_string() ? ref[k].get<std::string>() : ""; };
  const std::string version = !text_at("exactVersion").empty() ? text_at("exactVersion") : "latest";
  auto image = find_image(text_at("publisher"), text_at("offer"), text_at("sku"), version);
  return image ? image->hyper_v_generation : "V1";
}
}  // namespace

nlohmann::json vm_instance_view(const VirtualMachine& vm, PowerState power, const std::vector<Extension>& extensions,
                                ports::VmRuntime& runtime, const std::string& power_note,
                                const ade::DiskCollections& encrypted_disks) {
  nlohmann::json view = nlohmann::json::object();
  const auto& osp = vm.properties.value("osProfile", nlohmann::json::object());
  const auto& ref = vm.properties.value("storageProfile", nlohmann::json::object()).value("imageReference", nlohmann::json::object());
  const bool running = power == PowerState::running;
  if (running) {
    view["computerName"] = osp.value("computerName", vm.id.name());
    // Decision: the guest's os-release is not observed; name and version come from the image.
    view["osName"] = text::to_lower(ref.value("offer", "linux"));
    view["osVersion"] = ref.value("sku", "");
    const ports::GuestStatus g = runtime.status(vm.vm_id());
    nlohmann::json agent = {{"vmAgentVersion", g.agent_version.empty() ? "Unknown" : g.agent_version}};
    agent["statuses"] = nlohmann::json::array(
        {g.agent_ready ? instance_status("ProvisioningState/succeeded", "Info", "Ready", g.agent_message, g.last_heartbeat)
                       : instance_status("ProvisioningState/Unavailable", "Warning", "Not Ready", g.agent_message)});
    nlohmann::json handlers = nlohmann::json::array();
    for (const auto& e : extensions)
      handlers.push_back({{"type", e.full_type()},
                          {"typeHandlerVersion", e.handler_version()},
                          {"status", instance_status("ProvisioningState/succeeded", "Info", "Ready")}});
    agent["extensionHandlers"] = std::move(handlers);
    view["vmAgent"] = std::move(agent);
  }
  nlohmann::json disks = nlohmann::json::array();
  disks.push_back(disk_view(vm.os_disk(), true, encrypted_disks));
  for (const auto& d : vm.data_disks()) disks.push_back(disk_view(d, false, encrypted_disks));
  view["disks"] = std::move(disks);
  if (!extensions.empty()) {
    nlohmann::json exts = nlohmann::json::array();
    for (const auto& e : extensions) exts.push_back(extension_instance_view(e, runtime.extension_status(vm.vm_id(), e.id.name())));
    view["extensions"] = std::move(exts);
  }
  view["hyperVGeneration"] = hyper_v_generation(ref);
  view["statuses"] = nlohmann::json::array(
      {provisioning_status(vm.provisioning_state(), 0),
       // A note (azemu could not boot the guest again after a restart) makes the state a warning.
       instance_status("PowerState/" + std::string(to_string(power)), power_note.empty() ? "Info" : "Warning",
                       power_display(power), power_note)});
  return view;
}

}  // namespace azemu::arm::compute
