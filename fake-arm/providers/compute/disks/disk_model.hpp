// Microsoft.Compute/disks as plain data (Spec: compute DiskRP 2022-07-02 disk.json Disk). A disk is
// created by its own PUT (createOption Empty) or implicitly by a VM PUT (OS disk from the image,
// data disks with createOption Empty); attach/detach by VM PUTs move diskState and managedBy.
#pragma once

#include "fake-arm/core/resource_id.hpp"
#include "fake-arm/core/resource_store.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace azemu::arm::compute {

struct Disk {
  ResourceId id;
  std::string location;
  nlohmann::json tags = nlohmann::json::object();
  nlohmann::json zones;                 // null, or the array given
  std::string sku = "Standard_LRS";     // Standard_LRS | Premium_LRS | StandardSSD_LRS | ...
  std::int64_t size_gb = 0;
  std::string create_option = "Empty";  // Empty | FromImage
  nlohmann::json image_reference;       // FromImage: creationData.imageReference {"id": ...}
  std::string os_type;                  // "Linux" for OS disks, "" for data disks
  std::string hyper_v_generation;       // OS disks: the image's ("V1")
  std::string disk_state = "Unattached";  // Unattached | Attached (Reserved is not produced)
  std::string managed_by;               // the VM id while attached
  std::string unique_id;                // GUID
  std::string time_created;            // ISO 8601, set once
  nlohmann::json encryption_settings_collection;  // null until ADE writes it
  nlohmann::json extra_properties = nlohmann::json::object();  // other properties, kept as given
};

/// What a disk PUT or PATCH body asks for (absent members stay nullopt).
struct DiskInput {
  std::optional<std::string> location;
  std::optional<nlohmann::json> tags;
  nlohmann::json zones;
  std::optional<std::string> sku;
  std::optional<std::int64_t> size_gb;
  std::optional<std::string> create_option;
  std::optional<std::string> os_type;
  nlohmann::json encryption_settings_collection;  // null = not given
  nlohmann::json extra_properties = nlohmann::json::object();
};

/// The GET body (also the stored arm_resources body).
nlohmann::json to_json(const Disk& d);
Disk disk_from_body(const ResourceId& id, const nlohmann::json& body);
StoredResource to_stored(const Disk& d, std::int64_t now);
/// Parses a PUT/PATCH body; throws InvalidRequestContent for wrong JSON types.
DiskInput disk_input_from_json(const nlohmann::json& body);

/// "Premium" for Premium_* skus, "Standard" otherwise (sku.tier).
std::string sku_tier(const std::string& sku);
/// True for a sku name Azure accepts for managed disks (any case); `canonical` gets its casing.
bool valid_disk_sku(const std::string& sku, std::string* canonical = nullptr);

}  // namespace azemu::arm::compute
