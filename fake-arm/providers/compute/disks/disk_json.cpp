// Wire mapping of Microsoft.Compute/disks (Spec: DiskRP 2022-07-02 disk.json). The stored body is
// the GET body; reading it back maps the same names in reverse.
#include "fake-arm/providers/compute/disks/disk_model.hpp"

#include "emulator/exec/clock.hpp"
#include "emulator/json/strings.hpp"
#include "fake-arm/errors.hpp"
#include "fake-arm/providers/compute/compute_common.hpp"

#include <array>
#include <string_view>

namespace azemu::arm::compute {

namespace {
constexpr std::array<std::string_view, 7> kSkus = {"Standard_LRS",    "Premium_LRS",     "StandardSSD_LRS", "UltraSSD_LRS",
                                                   "Premium_ZRS",     "StandardSSD_ZRS", "PremiumV2_LRS"};
// Properties the service owns: never copied from a request into extra_properties.
constexpr std::array<std::string_view, 15> kOwned = {
    "osType",      "hyperVGeneration",  "creationData",     "diskSizeGB",  "diskSizeBytes",
    "uniqueId",    "timeCreated",       "provisioningState", "diskState",  "encryption",
    "diskIOPSReadWrite", "diskMBpsReadWrite", "encryptionSettingsCollection", "tier", "managedBy"};

bool owned(const std::string& key) {
  for (auto k : kOwned)
    if (key == k) return true;
  return false;
}

/// Premium SSD performance tier for a size (Spec: learn.microsoft.com "Managed disk types" table).
std::string premium_tier(std::int64_t gb) {
  static constexpr std::array<std::pair<std::int64_t, const char*>, 10> tiers = {
      {{4, "P1"}, {8, "P2"}, {16, "P3"}, {32, "P4"}, {64, "P6"}, {128, "P10"}, {256, "P15"}, {512, "P20"}, {1024, "P30"}, {2048, "P40"}}};
  for (auto [limit, name] : tiers)
    if (gb <= limit) return name;
  return "P50";
}

const nlohmann::json& member(const nlohmann::json& j, const char* key) {
  static const nlohmann::json null;
  return j.is_object() && j.contains(key) ? j.at(key) : null;
}

std::string string_at(const nlohmann::json& j, const char* key, const std::string& where) {
  const auto& v = member(j, key);
  if (v.is_null()) return "";
  if (!v.is_string()) throw errors::invalid_request_content("'" + where + "' must be a string");
  return v.get<std::string>();
}
}  // namespace

std::string sku_tier(const std::string& sku) { return text::istarts_with(sku, "Premium") ? "Premium" : "Standard"; }

bool valid_disk_sku(const std::string& sku, std::string* canonical) {
  for (auto s : kSkus)
    if (text::iequals(s, sku)) {
      if (canonical) *canonical = std::string(s);
      return true;
    }
  return false;
}

nlohmann::json to_json(const Disk& d) {
  nlohmann::json p = d.extra_properties.is_object() ? d.extra_properties : nlohmann::json::object();
  if (!d.os_type.empty()) p["osType"] = d.os_type;
  if (!d.hyper_v_generation.empty()) p["hyperVGeneration"] = d.hyper_v_generation;
  nlohmann::json creation = {{"createOption", d.create_option}};
  if (!d.image_reference.is_null()) creation["imageReference"] = d.image_reference;
  p["creationData"] = creation;
  p["diskSizeGB"] = d.size_gb;
  const bool premium = sku_tier(d.sku) == "Premium";
  p["diskIOPSReadWrite"] = premium ? 120 : 500;
  p["diskMBpsReadWrite"] = premium ? 25 : 60;
  if (!d.encryption_settings_collection.is_null()) p["encryptionSettingsCollection"] = d.encryption_settings_collection;
  p["encryption"] = {{"type", "EncryptionAtRestWithPlatformKey"}};
  if (!p.contains("networkAccessPolicy")) p["networkAccessPolicy"] = "AllowAll";
  if (!p.contains("publicNetworkAccess")) p["publicNetworkAccess"] = "Enabled";
  p["timeCreated"] = d.time_created;
  p["provisioningState"] = "Succeeded";
  p["diskState"] = d.disk_state;
  p["diskSizeBytes"] = d.size_gb * 1024 * 1024 * 1024;
  p["uniqueId"] = d.unique_id;
  if (premium) p["tier"] = premium_tier(d.size_gb);

  nlohmann::json j = {{"id", d.id.str()}, {"name", d.id.name()}, {"type", kDiskType}, {"location", d.location},
                      {"tags", d.tags}};
  if (!d.zones.is_null()) j["zones"] = d.zones;
  if (!d.managed_by.empty()) j["managedBy"] = d.managed_by;
  j["sku"] = {{"name", d.sku}, {"tier", sku_tier(d.sku)}};
  j["properties"] = std::move(p);
  return j;
}

Disk disk_from_body(const ResourceId& id, const nlohmann::json& body) {
  Disk d;
  d.id = id;
  d.location = body.value("location", "");
  d.tags = body.value("tags", nlohmann::json::object());
  d.zones = member(body, "zones");
  d.managed_by = body.value("managedBy", "");
  d.sku = member(body, "sku").value("name", "Standard_LRS");
  const nlohmann::json& p = member(body, "properties");
  d.os_type = p.value("osType", "");
  d.hyper_v_generation = p.value("hyperVGeneration", "");
  d.create_option = member(p, "creationData").value("createOption", "Empty");
  d.image_reference = member(member(p, "creationData"), "imageReference");
  d.size_gb = p.value("diskSizeGB", std::int64_t{0});
  d.encryption_settings_collection = member(p, "encryptionSettingsCollection");
  d.disk_state = p.value("diskState", "Unattached");
  d.unique_id = p.value("uniqueId", "");
  d.time_created = p.value("timeCreated", "");
  for (auto& [k, v] : p.items())
    if (!owned(k)) d.extra_properties[k] = v;
  d.extra_properties.erase("networkAccessPolicy");
  d.extra_properties.erase("publicNetworkAccess");
  if (p.contains("networkAccessPolicy")) d.extra_properties["networkAccessPolicy"] = p["networkAccessPolicy"];
  if (p.contains("publicNetworkAccess")) d.extra_properties["publicNetworkAccess"] = p["publicNetworkAccess"];
  return d;
}

StoredResource to_stored(const Disk& d, std::int64_t now) {
  return StoredResource{d.id, kDiskType, d.location, d.tags, to_json(d), now, now};
}

DiskInput disk_input_from_json(const nlohmann::json& body) {
  if (!body.is_object()) throw errors::invalid_request_content("the body must be a JSON object");
  DiskInput in;
  if (auto l = string_at(body, "location", "location"); !l.empty()) in.location = l;
  if (body.contains("tags") && !body["tags"].is_null()) in.tags = body["tags"];
  in.zones = member(body, "zones");
  if (auto s = string_at(member(body, "sku"), "name", "sku.name"); !s.empty()) in.sku = s;
  const nlohmann::json& p = member(body, "properties");
  if (!p.is_null() && !p.is_object()) throw errors::invalid_request_content("'properties' must be an object");
  const auto& size = member(p, "diskSizeGB");
  if (!size.is_null()) {
    if (!size.is_number_integer()) throw errors::invalid_request_content("'properties.diskSizeGB' must be an integer");
    in.size_gb = size.get<std::int64_t>();
  }
  if (auto c = string_at(member(p, "creationData"), "createOption", "properties.creationData.createOption"); !c.empty())
    in.create_option = c;
  if (auto o = string_at(p, "osType", "properties.osType"); !o.empty()) in.os_type = o;
  in.encryption_settings_collection = member(p, "encryptionSettingsCollection");
  if (p.is_object())
    for (auto& [k, v] : p.items())
      if (!owned(k)) in.extra_properties[k] = v;
  return in;
}

}  // namespace azemu::arm::compute
