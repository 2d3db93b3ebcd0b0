// See ade_extension_plan.hpp. The messages are azemu's words where Azure's are not on record;
// they name the setting and the rule, like the CLI's own checks (ade.md §1.7).
#include "fake-arm/providers/compute/extensions/ade_extension_plan.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/core/locations.hpp"
#include "fake-arm/core/resource_store.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_service.hpp"

#include <algorithm>

namespace azemu::arm::compute {

namespace {
constexpr const char* kVaultType = "Microsoft.KeyVault/vaults";

std::string vault_name_of_url(const std::string& url) {
  std::string host = url.substr(std::min(url.size(), std::string("https://").size()));
  return text::to_lower(host.substr(0, host.find('.')));
}

/// "" when the vault is fit for disk encryption with this VM, else why not. Vault names are
/// global, so the lookup spans subscriptions and can say which rule a vault breaks.
std::string check_vault(store::Connection& c, const VirtualMachine& vm, const std::string& url) {
  const std::string name = vault_name_of_url(url);
  const auto found = ResourceStore().find_by_type_and_name(c, kVaultType, name);
  const auto same_sub = std::find_if(found.begin(), found.end(), [&](const StoredResource& r) {
    return text::iequals(r.id.subscription_id(), vm.id.subscription_id());
  });
  if (same_sub == found.end())
    return "The key vault '" + name + "' (" + url + ") was not found in the VM's subscription " + vm.id.subscription_id() +
           (found.empty() ? "" : " (it is in subscription " + found.front().id.subscription_id() + ")") +
           ": Azure Disk Encryption needs the key vault and the VM in the same subscription and region.";
  const StoredResource& r = *same_sub;
  if (canonical_location(r.location) != canonical_location(vm.location))
    return "The key vault " + r.id.name() + " is in region '" + r.location + "' and the VM " + vm.id.name() + " in '" +
           vm.location + "': Azure Disk Encryption needs the key vault and the VM in the same region.";
  const auto& props = r.body.value("properties", nlohmann::json::object());
  if (!props.value("enabledForDiskEncryption", false))
    return "Key Vault " + url + " either has not been enabled for Volume Encryption or the vault id provided does not match " +
           r.id.str() + "'s true resource id.";
  return "";
}
}  // namespace

AdeExtensionPlan plan_ade_extension(store::Connection& c, const VirtualMachineService& vms, const VirtualMachine& vm,
                                    const ports::ExtensionDelivery& delivery) {
  AdeExtensionPlan plan;
  plan.ade = ade::is_ade_extension(delivery.publisher, delivery.type);
  if (!plan.ade) return plan;
  plan.request = ade::parse_ade_request(delivery.type_handler_version, delivery.settings);
  if (!plan.request.is_enable()) return plan;
  if (text::istarts_with(vm.size(), "Basic_")) {
    plan.refusal = "Azure Disk Encryption is not supported on Basic tier VM sizes (" + vm.size() + ").";
    return plan;
  }
  if (!plan.request.key_vault_url.empty()) plan.refusal = check_vault(c, vm, plan.request.key_vault_url);
  if (plan.refusal.empty() && !plan.request.kek_url.empty() &&
      vault_name_of_url(plan.request.kek_url) != vault_name_of_url(plan.request.key_vault_url))
    plan.refusal = check_vault(c, vm, plan.request.kek_url);
  if (!plan.refusal.empty() || !plan.request.single_pass) return plan;

  plan.stamp = true;
  const auto& osp = vm.properties.value("osProfile", nlohmann::json::object());
  plan.machine_name = osp.value("computerName", vm.id.name());
  const std::string vt = text::to_lower(plan.request.volume_type);
  auto disk_id = [](const nlohmann::json& d) {
    return d.contains("managedDisk") && d["managedDisk"].is_object() ? d["managedDisk"].value("id", "") : std::string();
  };
  if (vt == "os" || vt == "all") plan.targets.push_back({disk_id(vm.os_disk()), -1});
  if (vt == "data" || vt == "all")
    for (const auto& d : vm.data_disks()) plan.targets.push_back({disk_id(d), d.value("lun", 0)});
  std::erase_if(plan.targets, [](const ade::StampTarget& t) { return t.disk_id.empty(); });
  plan.existing = ade::volume_keys(vm, vms.disk_collections(c, vm));
  // The single-pass extension stamps the disks only after its prechecks, and one of them
  // (check_util.validate_volume_type_for_enable) refuses a volume type other than the one already
  // enabled unless it is All: "Moving from volume type Data to volume type OS is not allowed". For
  // such a request nothing is stamped (no new secret, no encryptionSettingsCollection); the handler
  // refuses it. The volume type already enabled shows in which disks carry keys.
  bool os_keyed = false, data_keyed = false;
  for (const auto& k : plan.existing) (k.file_name == ade::kPassphraseFile ? os_keyed : data_keyed) = true;
  const std::string before = os_keyed && data_keyed ? "all" : os_keyed ? "os" : data_keyed ? "data" : "";
  if (!before.empty() && vt != "all" && vt != before) {
    plan.stamp = false;
    plan.targets.clear();
  }
  return plan;
}

}  // namespace azemu::arm::compute
