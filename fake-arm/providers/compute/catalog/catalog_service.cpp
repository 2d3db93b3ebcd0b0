// Compute catalog semantics; see catalog_service.hpp.
#include "fake-arm/providers/compute/catalog/catalog_service.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/core/locations.hpp"
#include "fake-arm/core/resource_id.hpp"
#include "fake-arm/errors.hpp"

#include <algorithm>

namespace azemu::arm::compute {

namespace {
// Spec: learn.microsoft.com "Azure resource provider operations", Microsoft.Compute. Reader's "*/read" covers them.
constexpr const char* kImagesRead = "Microsoft.Compute/locations/publishers/artifacttypes/offers/skus/versions/read";
constexpr const char* kExtensionImagesRead = "Microsoft.Compute/locations/publishers/artifacttypes/types/versions/read";
constexpr const char* kVmSizesRead = "Microsoft.Compute/locations/vmSizes/read";
constexpr const char* kSkusRead = "Microsoft.Compute/skus/read";

/// Some image of an existing publisher/offer: it carries their names in the catalog's spelling.
ImageVersion spelled(const std::string& publisher, const std::string& offer) {
  const auto skus = image_skus(publisher, offer);
  return *find_image(publisher, offer, skus->front(), "latest");  // every catalog sku has versions
}

std::string region_list() {
  std::string out;
  for (const auto& l : location_catalog()) out += (out.empty() ? "" : ", ") + l.display_name;
  return out;
}
}  // namespace

void CatalogService::require(const auth::Principal& caller, const std::string& subscription_id,
                             const char* action) const {
  const Subscription s = subscriptions_.require(caller, subscription_id);
  authz_.authorize(caller, action, ResourceId::subscription(s.id).str());
}

void CatalogService::require_location(const CatalogScope& at, const char* type) const {
  if (!find_location(at.location))
    throw errors::no_registered_provider_for_location(at.location, at.api_version, type, region_list());
}

std::vector<std::string> CatalogService::publishers(const auth::Principal& caller, const CatalogScope& at) const {
  require(caller, at.subscription_id, kImagesRead);
  require_location(at, "locations/publishers");
  // Azure lists every publisher here, extension publishers too: az finds extension images by filtering
  // this list first (load_extension_images_thru_services), then asks each match for its types.
  std::vector<std::string> out = image_publishers();
  for (const auto& p : extension_image_publishers())
    if (std::none_of(out.begin(), out.end(), [&](const std::string& x) { return text::iequals(x, p); })) out.push_back(p);
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) { return text::to_lower(a) < text::to_lower(b); });
  return out;
}

NameList CatalogService::offers(const auth::Principal& caller, const CatalogScope& at,
                                const std::string& publisher) const {
  require(caller, at.subscription_id, kImagesRead);
  require_location(at, "locations/publishers");
  auto offers = image_offers(publisher);
  if (!offers) throw errors::image_publisher_not_found(publisher);
  return {spelled(publisher, offers->front()).publisher, "", *offers};
}

NameList CatalogService::skus(const auth::Principal& caller, const CatalogScope& at, const std::string& publisher,
                              const std::string& offer) const {
  require(caller, at.subscription_id, kImagesRead);
  require_location(at, "locations/publishers");
  auto skus = image_skus(publisher, offer);
  if (!skus) throw errors::vm_image_not_found();
  const ImageVersion any = spelled(publisher, offer);
  return {any.publisher, any.offer, *skus};
}

std::vector<ImageVersion> CatalogService::versions(const auth::Principal& caller, const CatalogScope& at,
                                                   const std::string& publisher, const std::string& offer,
                                                   const std::string& sku, const VersionQuery& q) const {
  require(caller, at.subscription_id, kImagesRead);
  require_location(at, "locations/publishers");
  auto versions = image_versions(publisher, offer, sku);
  if (!versions) throw errors::vm_image_not_found();
  if (q.descending) std::reverse(versions->begin(), versions->end());
  if (q.top && *q.top < versions->size()) versions->resize(*q.top);
  return *versions;
}

ImageVersion CatalogService::version(const auth::Principal& caller, const CatalogScope& at,
                                     const std::string& publisher, const std::string& offer, const std::string& sku,
                                     const std::string& version) const {
  require(caller, at.subscription_id, kImagesRead);
  require_location(at, "locations/publishers");
  if (version == "latest" || version == "Latest") throw errors::vm_image_not_found();
  auto image = find_image(publisher, offer, sku, version);
  if (!image) throw errors::vm_image_not_found();
  return *image;
}

std::vector<const ExtensionImageType*> CatalogService::extension_types(const auth::Principal& caller,
                                                                       const CatalogScope& at,
                                                                       const std::string& publisher) const {
  require(caller, at.subscription_id, kExtensionImagesRead);
  require_location(at, "locations/publishers");
  auto types = extension_image_types(publisher);
  if (!types) throw errors::image_publisher_not_found(publisher);
  return *types;
}

ExtensionImageType CatalogService::extension_versions(const auth::Principal& caller, const CatalogScope& at,
                                                      const std::string& publisher, const std::string& type,
                                                      const VersionQuery& q) const {
  require(caller, at.subscription_id, kExtensionImagesRead);
  require_location(at, "locations/publishers");
  const ExtensionImageType* t = find_extension_image_type(publisher, type);
  if (!t) throw errors::vm_extension_image_not_found();
  ExtensionImageType out = *t;
  if (q.descending) std::reverse(out.versions.begin(), out.versions.end());
  if (q.top && *q.top < out.versions.size()) out.versions.resize(*q.top);
  return out;
}

ExtensionImageType CatalogService::extension_version(const auth::Principal& caller, const CatalogScope& at,
                                                     const std::string& publisher, const std::string& type,
                                                     const std::string& version) const {
  ExtensionImageType t = extension_versions(caller, at, publisher, type, {});
  auto it = std::find(t.versions.begin(), t.versions.end(), version);
  if (it == t.versions.end()) throw errors::vm_extension_image_not_found();
  t.versions = {version};
  return t;
}

void CatalogService::check_sizes(const auth::Principal& caller, const CatalogScope& at) const {
  require(caller, at.subscription_id, kVmSizesRead);
  require_location(at, "locations/vmSizes");
}

std::vector<std::string> CatalogService::sku_locations(const auth::Principal& caller,
                                                       const std::string& subscription_id,
                                                       const std::optional<std::string>& location) const {
  require(caller, subscription_id, kSkusRead);
  std::vector<std::string> out;
  if (location) {
    if (auto l = find_location(*location)) out.push_back(l->name);
    return out;
  }
  for (const auto& l : location_catalog()) out.push_back(l.name);
  return out;
}

}  // namespace azemu::arm::compute
