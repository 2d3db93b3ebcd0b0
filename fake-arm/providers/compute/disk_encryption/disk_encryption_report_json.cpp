// Wire names of the disk encryption report, written once here (camelCase, like the rest of
// azemu's own JSON). Absent facts are null, never missing, so scripts can test them with jq.
#include "fake-arm/providers/compute/disk_encryption/disk_encryption_report.hpp"

namespace azemu::arm::compute {

namespace {
using nlohmann::json;

json luks_json(const ports::LuksHeaderFacts& h) {
  json slots = json::array();
  for (const auto& s : h.keyslots)
    slots.push_back({{"slot", s.slot}, {"kdf", s.kdf}, {"priority", s.priority}, {"unbound", s.unbound}});
  return {{"version", h.version},
          {"uuid", h.uuid},
          {"label", h.label},
          {"cipher", h.cipher},
          {"keySizeBits", h.key_size_bits},
          {"sectorSize", h.sector_size},
          {"dataOffsetBytes", h.data_offset_bytes},
          {"keyslots", slots},
          {"reencryptionInProgress", h.reencryption_in_progress}};
}

json caller_json(const KeyAuditEntry& a) {
  return {{"upn", a.caller_upn.empty() ? json() : json(a.caller_upn)},
          {"appId", a.caller_app_id.empty() ? json() : json(a.caller_app_id)},
          {"objectId", a.caller_object_id.empty() ? json() : json(a.caller_object_id)},
          {"platform", a.by_platform}};
}

json disk_json(const DiskEncryptionFacts& f) {
  json j = {{"name", f.name},
            {"lun", f.lun ? json(*f.lun) : json()},
            {"role", f.lun ? "data" : "os"},
            {"diskId", f.disk_id},
            {"sizeGb", f.size_gb},
            {"imagePath", f.image_path ? json(*f.image_path) : json()},
            {"sizeBytes", f.image ? json(f.image->size_bytes) : json()},
            {"allocatedBytes", f.image ? json(f.image->allocated_bytes) : json()},
            {"luks", f.image && f.image->luks ? luks_json(*f.image->luks) : json()},
            {"encryptionSettingsSource", f.settings_source == SettingsSource::none ? json() : json(to_string(f.settings_source))},
            {"bekSecretUrl", f.bek ? json(f.bek->url) : json()},
            {"kek", f.kek ? json{{"keyId", f.kek->url}, {"name", f.kek->name}, {"version", f.kek->version}, {"vault", f.kek->vault}}
                          : json()}};
  if (f.image && !f.image->problem.empty()) j["luksProblem"] = f.image->problem;
  json audit = json::array();
  for (const auto& a : f.audit)
    audit.push_back({{"time", a.time},
                     {"operation", a.operation},
                     {"touches", to_string(a.touches)},
                     {"object", a.object},
                     {"caller", caller_json(a)},
                     {"resultType", a.result_type},
                     {"httpStatusCode", a.http_status_code}});
  j["audit"] = std::move(audit);
  return j;
}
}  // namespace

const char* to_string(KeyTouch touch) {
  switch (touch) {
    case KeyTouch::bek: return "bek";
    case KeyTouch::kek: return "kek";
    case KeyTouch::none: break;
  }
  return "";
}

const char* to_string(SettingsSource source) {
  switch (source) {
    case SettingsSource::vm_model: return "vm";
    case SettingsSource::disk: return "disk";
    case SettingsSource::none: break;
  }
  return "";
}

nlohmann::json to_json(const VmDiskEncryptionReport& r) {
  json disks = json::array();
  for (const auto& d : r.disks) disks.push_back(disk_json(d));
  return {{"vm", {{"id", r.vm_resource_id}, {"name", r.name}, {"resourceGroup", r.resource_group},
                  {"subscriptionId", r.subscription_id}, {"vmId", r.vm_id}}},
          {"disks", disks}};
}

}  // namespace azemu::arm::compute
