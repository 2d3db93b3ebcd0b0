// See disk_encryption_report.hpp. Which key belongs to which disk is ade_model.hpp's knowledge
// (volume_keys and the key file names); this file only lines disks up with it.
#include "fake-arm/providers/compute/disk_encryption/disk_encryption_report.hpp"

#include "emulator/json/strings.hpp"
#include "emulator/ports/platform_key_vault.hpp"
#include "fake-arm/core/resource_store.hpp"
#include "fake-arm/errors.hpp"
#include "fake-arm/providers/compute/compute_common.hpp"
#include "fake-arm/providers/compute/disk_encryption/ade_model.hpp"
#include "fake-arm/providers/compute/disks/disk_store.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_model.hpp"

#include <algorithm>

namespace azemu::arm::compute {

namespace {

std::string str(const nlohmann::json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return "";
  return j[key].get<std::string>();
}

/// A disk as the VM model lists it (the OS disk has no LUN).
struct ModelDisk {
  std::string name;
  std::optional<int> lun;
  std::string disk_id;
  std::int64_t size_gb = 0;
};

std::vector<ModelDisk> disks_of(const VirtualMachine& vm) {
  auto one = [](const nlohmann::json& d, std::optional<int> lun) {
    const auto& md = d.contains("managedDisk") ? d["managedDisk"] : nlohmann::json();
    std::int64_t size = d.contains("diskSizeGB") && d["diskSizeGB"].is_number_integer() ? d["diskSizeGB"].get<std::int64_t>() : 0;
    return ModelDisk{str(d, "name"), lun, str(md, "id"), size};
  };
  std::vector<ModelDisk> out{one(vm.os_disk(), std::nullopt)};
  for (const auto& d : vm.data_disks()) out.push_back(one(d, d.value("lun", 0)));
  std::sort(out.begin() + 1, out.end(), [](const ModelDisk& a, const ModelDisk& b) { return *a.lun < *b.lun; });
  return out;
}

/// The parsed URL, or just the text when it is not a Key Vault object URL (shown as written).
VaultObjectRef ref_of(const std::string& url) {
  if (auto ref = vault_object_ref(url)) return *ref;
  VaultObjectRef raw;
  raw.url = url;
  return raw;
}

KeyAuditEntry entry_of(const audit::AuditEvent& e, KeyTouch touch) {
  KeyAuditEntry a;
  a.time = e.time;
  a.operation = e.operation_name;
  a.touches = touch;
  if (e.properties.is_object() && e.properties.contains("id") && e.properties["id"].is_string())
    a.object = e.properties["id"].get<std::string>();
  else
    a.object = e.request_uri;
  const auto& claim = e.identity.is_object() && e.identity.contains("claim") ? e.identity["claim"] : nlohmann::json();
  a.caller_upn = str(claim, audit::kClaimUpn);
  a.caller_app_id = str(claim, "appid");
  a.caller_object_id = str(claim, audit::kClaimObjectId);
  a.by_platform = text::iequals(a.caller_app_id, ports::kPlatformAppId);
  a.result_type = e.result_type;
  a.http_status_code = e.http_status_code;
  return a;
}

/// The resource group names of `rows`, for the ambiguity message.
std::string candidates_text(const std::vector<StoredResource>& rows) {
  std::string out;
  for (const auto& r : rows) {
    if (!out.empty()) out += ", ";
    out += "resource group '" + r.id.resource_group() + "' in subscription " + r.id.subscription_id();
  }
  return out;
}

}  // namespace

VmDiskEncryptionReport DiskEncryptionReporter::report(const VmDisksQuery& q) const {
  VirtualMachine vm;
  ade::DiskCollections collections;
  std::vector<std::optional<std::int64_t>> disk_sizes;  // from the disk resources, when they exist
  db_.read([&](store::Connection& c) {
    std::vector<StoredResource> found;
    for (auto& r : ResourceStore().find_by_type_and_name(c, kVmType, q.name)) {
      if (!q.resource_group.empty() && !text::iequals(r.id.resource_group(), q.resource_group)) continue;
      if (!q.subscription_id.empty() && !text::iequals(r.id.subscription_id(), q.subscription_id)) continue;
      found.push_back(std::move(r));
    }
    if (found.empty())
      throw errors::resource_not_found(std::string(kVmType) + "/" + q.name,
                                       q.resource_group.empty() ? "(any)" : q.resource_group);
    if (found.size() > 1) throw errors::vm_name_ambiguous(q.name, candidates_text(found));
    vm = vm_from_body(found[0].id, found[0].body);
    DiskStore disks;
    for (const auto& d : disks_of(vm)) {
      auto id = ResourceId::parse(d.disk_id);
      auto disk = id ? disks.get(c, *id) : std::nullopt;
      disk_sizes.push_back(disk ? std::optional(disk->size_gb) : std::nullopt);
      if (disk && !disk->encryption_settings_collection.is_null())
        collections[text::to_lower(d.disk_id)] = disk->encryption_settings_collection;
    }
  });

  VmDiskEncryptionReport out;
  out.vm_resource_id = vm.id.str();
  out.name = vm.id.name();
  out.resource_group = vm.id.resource_group();
  out.subscription_id = vm.id.subscription_id();
  out.vm_id = vm.vm_id();

  const bool dual_pass = !ade::dual_pass_reference(vm).empty();
  const auto keys = ade::volume_keys(vm, collections);
  auto key_for = [&](const std::optional<int>& lun) -> const ade::VolumeKey* {
    if (dual_pass) return keys.empty() ? nullptr : &keys.front();  // one secret for every volume
    const std::string file = lun ? ade::data_disk_passphrase_file(*lun) : std::string(ade::kPassphraseFile);
    auto it = std::find_if(keys.begin(), keys.end(), [&](const ade::VolumeKey& k) { return k.file_name == file; });
    return it == keys.end() ? nullptr : &*it;
  };

  const auto model_disks = disks_of(vm);
  for (std::size_t i = 0; i < model_disks.size(); ++i) {
    const auto& d = model_disks[i];
    DiskEncryptionFacts f;
    f.name = d.name;
    f.lun = d.lun;
    f.disk_id = d.disk_id;
    f.size_gb = disk_sizes[i].value_or(d.size_gb);
    if (!d.disk_id.empty()) f.image_path = runtime_.disk_file(d.disk_id);
    if (f.image_path) f.image = images_.inspect(*f.image_path);
    if (const auto* key = key_for(d.lun)) {
      f.settings_source = dual_pass ? SettingsSource::vm_model : SettingsSource::disk;
      f.bek = ref_of(key->secret_url);
      if (!key->kek_url.empty()) f.kek = ref_of(key->kek_url);
    }
    out.disks.push_back(std::move(f));
  }

  const bool any_key = std::any_of(out.disks.begin(), out.disks.end(), [](const auto& f) { return f.bek.has_value(); });
  if (any_key) {
    for (const auto& e : audit_.list("")) {
      for (auto& f : out.disks) {
        if (!f.bek) continue;
        KeyTouch touch = audit_touch(e, &*f.bek, f.kek ? &*f.kek : nullptr);
        if (touch != KeyTouch::none) f.audit.push_back(entry_of(e, touch));
      }
    }
  }
  return out;
}

}  // namespace azemu::arm::compute
