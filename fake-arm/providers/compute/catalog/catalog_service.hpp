// Azure semantics of the compute catalogs (VirtualMachineImages_*, VirtualMachineExtensionImages_*,
// VirtualMachineSizes_List, ResourceSkus_List): every call first checks the subscription, the caller's read
// permission and the region, then answers from the compiled-in catalogs (image_catalog.hpp,
// extension_images.hpp, vm_sizes.hpp).
// No HTTP (catalog_handlers.cpp) and no wire names (catalog_json.cpp) here.
#pragma once

#include "emulator/auth/principal.hpp"
#include "fake-arm/authorization/authorizer.hpp"
#include "fake-arm/providers/compute/catalog/extension_images.hpp"
#include "fake-arm/providers/compute/catalog/image_catalog.hpp"
#include "fake-arm/resources/subscriptions/subscription_service.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace azemu::arm::compute {

/// Where a catalog call is addressed: /subscriptions/{subscription}/.../locations/{location}.
struct CatalogScope {
  std::string subscription_id;
  std::string location;     // as sent (echoed into ids, as Azure does)
  std::string api_version;  // for error messages only
};

/// $top / $orderby of VirtualMachineImages_List.
/// Names listed under a publisher or offer, with the parent names in the catalog's spelling (Azure
/// prints "OpenLogic" in ids whatever case the request used).
struct NameList {
  std::string publisher, offer;  // offer empty for a publisher's offers
  std::vector<std::string> names;
};

struct VersionQuery {
  std::optional<std::size_t> top;
  bool descending = false;  // "$orderby=name desc"
};

class CatalogService {
public:
  CatalogService(const SubscriptionService& subscriptions, const Authorizer& authz)
      : subscriptions_(subscriptions), authz_(authz) {}

  // Every method throws SubscriptionNotFound / InvalidSubscriptionId, AuthorizationFailed (403,
  // no read permission on the subscription) and NoRegisteredProviderFound (unknown region) first.

  std::vector<std::string> publishers(const auth::Principal& caller, const CatalogScope& at) const;
  /// Throws NotFound "Publisher: X was not found." for an unknown publisher.
  NameList offers(const auth::Principal& caller, const CatalogScope& at, const std::string& publisher) const;
  /// Throws NotFound "Artifact: VMImage was not found." for an unknown publisher or offer.
  NameList skus(const auth::Principal& caller, const CatalogScope& at, const std::string& publisher,
                const std::string& offer) const;
  /// Versions in `q`'s order (numeric per dot part), at most q.top. Unknown sku: VMImage NotFound.
  std::vector<ImageVersion> versions(const auth::Principal& caller, const CatalogScope& at,
                                     const std::string& publisher, const std::string& offer, const std::string& sku,
                                     const VersionQuery& q) const;
  /// One version, exactly as named (clients resolve "latest" through versions() first; Azure has no
  /// version called "latest"). Unknown: VMImage NotFound.
  ImageVersion version(const auth::Principal& caller, const CatalogScope& at, const std::string& publisher,
                       const std::string& offer, const std::string& sku, const std::string& version) const;

  /// The publisher's extension types. Unknown publisher: "Publisher: X was not found.".
  std::vector<const ExtensionImageType*> extension_types(const auth::Principal& caller, const CatalogScope& at,
                                                         const std::string& publisher) const;
  /// One extension type, its versions in `q`'s order, at most q.top. Unknown publisher or type: VMExtension
  /// NotFound.
  ExtensionImageType extension_versions(const auth::Principal& caller, const CatalogScope& at,
                                        const std::string& publisher, const std::string& type,
                                        const VersionQuery& q) const;
  /// One type whose only version is `version` as named. Unknown: VMExtension NotFound.
  ExtensionImageType extension_version(const auth::Principal& caller, const CatalogScope& at,
                                       const std::string& publisher, const std::string& type,
                                       const std::string& version) const;

  /// Checks for VirtualMachineSizes_List (the list is the same in every region).
  void check_sizes(const auth::Principal& caller, const CatalogScope& at) const;
  /// Canonical region names ResourceSkus_List covers: all regions, or the one `location` names
  /// (unknown → an empty list, as ARM filters rather than fails).
  std::vector<std::string> sku_locations(const auth::Principal& caller, const std::string& subscription_id,
                                         const std::optional<std::string>& location) const;

private:
  void require(const auth::Principal& caller, const std::string& subscription_id, const char* action) const;
  void require_location(const CatalogScope& at, const char* type) const;

  const SubscriptionService& subscriptions_;
  const Authorizer& authz_;
};

}  // namespace azemu::arm::compute
