// The VM extension image catalog; see extension_images.hpp. Versions are full ones the Azure agent
// installs (research/ade.md §1.1 for ADE: 0.1.0.9993xx dual pass, 1.x single pass); lists are a
// representative subset. azemu's guests run whatever extension is set (ADE by its own handler).
#include "fake-arm/providers/compute/catalog/extension_images.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/providers/compute/catalog/catalog_json.hpp"
#include "fake-arm/providers/compute/catalog/image_catalog.hpp"

#include <algorithm>

namespace azemu::arm::compute {

namespace {
const std::vector<ExtensionImageType>& catalog() {
  static const std::vector<ExtensionImageType> types = [] {
    std::vector<ExtensionImageType> t = {
        {"Microsoft.Azure.Extensions", "CustomScript", {"2.0.7", "2.1.6", "2.1.10"}},
        {"Microsoft.Azure.Security", "AzureDiskEncryptionForLinux", {"0.1.0.999348", "1.1.0.45", "1.4.0.12"}},
    };
    for (auto& x : t)
      std::sort(x.versions.begin(), x.versions.end(),
                [](const std::string& a, const std::string& b) { return compare_versions(a, b) < 0; });
    return t;
  }();
  return types;
}
}  // namespace

std::vector<std::string> extension_image_publishers() {
  std::vector<std::string> out;
  for (const auto& t : catalog())
    if (std::find(out.begin(), out.end(), t.publisher) == out.end()) out.push_back(t.publisher);
  return out;
}

std::optional<std::vector<const ExtensionImageType*>> extension_image_types(std::string_view publisher) {
  std::vector<const ExtensionImageType*> out;
  for (const auto& t : catalog())
    if (text::iequals(t.publisher, publisher)) out.push_back(&t);
  if (out.empty()) return std::nullopt;
  return out;
}

const ExtensionImageType* find_extension_image_type(std::string_view publisher, std::string_view type) {
  for (const auto& t : catalog())
    if (text::iequals(t.publisher, publisher) && text::iequals(t.type, type)) return &t;
  return nullptr;
}

nlohmann::json extension_image_json(const std::string& subscription_id, const std::string& location,
                                    const ExtensionImageType& type, const std::string& version) {
  std::string id = publisher_id(subscription_id, location, type.publisher) + "/ArtifactTypes/VMExtension/Types/" + type.type;
  if (!version.empty()) id += "/Versions/" + version;
  return {{"id", id},
          {"name", version.empty() ? type.type : version},
          {"location", location},
          {"properties",
           {{"operatingSystem", type.operating_system},
            {"computeRole", "IaaS"},
            {"handlerSchema", ""},
            {"vmScaleSetEnabled", type.vm_scale_set_enabled},
            {"supportsMultipleExtensions", type.supports_multiple_extensions}}}};
}

}  // namespace azemu::arm::compute
