// The VM extension image catalog azemu offers (Microsoft.Compute VirtualMachineExtensionImages_*):
// publisher → type → versions, compiled in. `az vm extension set` without --version reads it to pick the
// newest version (az's _normalize_extension_version); `az vm extension image list` shows it. Lookups and
// wire shape only; CatalogService checks subscription, permission and region first.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azemu::arm::compute {

/// One extension type and the versions azemu offers of it.
struct ExtensionImageType {
  std::string publisher, type;
  std::vector<std::string> versions;  // lowest first (compare_versions order)
  std::string operating_system = "Linux";
  bool vm_scale_set_enabled = true;
  bool supports_multiple_extensions = false;
};

/// Every publisher of an extension image, in the catalog's spelling.
std::vector<std::string> extension_image_publishers();
/// The publisher's extension types in the catalog's spelling; std::nullopt for an unknown publisher.
/// Case-insensitive.
std::optional<std::vector<const ExtensionImageType*>> extension_image_types(std::string_view publisher);
/// One type, case-insensitive; nullptr when unknown.
const ExtensionImageType* find_extension_image_type(std::string_view publisher, std::string_view type);

/// VirtualMachineExtensionImage (Spec: compute virtualMachineExtensionImage.json): {id, name, location, properties}
/// of `type` at `version`, or (version empty) the type itself as ListTypes returns it.
nlohmann::json extension_image_json(const std::string& subscription_id, const std::string& location,
                                    const ExtensionImageType& type, const std::string& version);

}  // namespace azemu::arm::compute
