// Generic resources: the cross-type lists (GET /resources with $filter) and the answer for
// provider paths no resource provider in fake-arm serves: unknown namespace → InvalidResourceNamespace,
// unknown type → InvalidResourceType, known type → the stored resource if any (GET/DELETE), and
// AzemuNotImplemented for writes (a body stored without its provider's semantics would mislead).
#pragma once

#include "emulator/auth/principal.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/authorization/authorizer.hpp"
#include "fake-arm/core/list_query.hpp"
#include "fake-arm/core/resource_store.hpp"
#include "fake-arm/resources/generic/generic_resource_model.hpp"
#include "fake-arm/resources/resource_groups/resource_group_store.hpp"
#include "fake-arm/resources/subscriptions/subscription_service.hpp"

#include <string>

namespace azemu::arm {

class GenericResourceService {
public:
  GenericResourceService(store::Database& db, const SubscriptionService& subs, const Authorizer& authz)
      : db_(db), subs_(subs), authz_(authz) {}

  /// `group` empty → the whole subscription, showing only resources the caller may read
  /// ("{type}/read"; AuthorizationFailed when it has no role in the subscription); a group needs
  /// .../resourceGroups/resources/read on it. Throws ResourceGroupNotFound, InvalidFilterInQueryString.
  Paged<StoredResource> list(const auth::Principal& caller, const std::string& sub, const std::string& group,
                             const ListQuery& q) const;

  /// Validates ".../[resourceGroups/{group}/]providers/{ns}/{rest}" against the catalog and the
  /// group, then authorizes "{type}/{verb}" over the path (verb: read, write, delete, action).
  /// Reads get ARM's 404, other verbs its 400, for unknown namespaces/types. Throws AuthorizationFailed.
  ProviderPath resolve(const auth::Principal& caller, const std::string& sub, const std::string& group,
                       const std::string& ns, const std::string& rest, const std::string& api_version,
                       const char* verb) const;
  /// Throws ResourceNotFound.
  StoredResource get(const ProviderPath& path) const;
  Paged<StoredResource> list_collection(const ProviderPath& path, const ListQuery& q) const;
  /// True when something was deleted.
  bool remove(const ProviderPath& path) const;

private:
  store::Database& db_;
  const SubscriptionService& subs_;
  const Authorizer& authz_;
  ResourceStore store_;
  ResourceGroupStore groups_;
};

}  // namespace azemu::arm
