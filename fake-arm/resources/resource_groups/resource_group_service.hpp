// Resource group semantics: create/update (201/200, location immutable), read, exists, PATCH,
// filtered list, and delete with cascade over every resource inside, committed in one transaction
// and reported as an already-finished async operation (so `az group delete` polls once).
#pragma once

#include "emulator/auth/principal.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/authorization/authorizer.hpp"
#include "fake-arm/core/async_operations.hpp"
#include "fake-arm/core/list_query.hpp"
#include "fake-arm/core/resource_store.hpp"
#include "fake-arm/resources/resource_groups/resource_group_store.hpp"
#include "fake-arm/resources/subscriptions/subscription_service.hpp"

#include <functional>
#include <string>
#include <vector>

namespace azemu::arm {

class ResourceGroupService {
public:
  ResourceGroupService(store::Database& db, const exec::Clock& clock, const SubscriptionService& subs,
                       const AsyncOperations& ops, const Authorizer& authz)
      : db_(db), clock_(clock), subs_(subs), ops_(ops), authz_(authz) {}

  // Every method also throws AuthorizationFailed unless the caller may perform
  // Microsoft.Resources/subscriptions/resourceGroups/{read|write|delete} on the group; list()
  // shows only the groups the caller may read (403 when it has no role in the subscription).

  struct PutResult {
    ResourceGroup group;
    bool created = false;
  };

  /// Throws InvalidResourceGroup (name), LocationRequired, LocationNotAvailableForResourceGroup,
  /// InvalidResourceGroupLocation (409, existing group elsewhere), InvalidTag*, SubscriptionNotFound.
  PutResult create_or_update(const auth::Principal& caller, const std::string& sub, const std::string& name,
                             const ResourceGroupPut& in) const;
  /// Throws ResourceGroupNotFound.
  ResourceGroup get(const auth::Principal& caller, const std::string& sub, const std::string& name) const;
  bool exists(const auth::Principal& caller, const std::string& sub, const std::string& name) const;
  ResourceGroup update(const auth::Principal& caller, const std::string& sub, const std::string& name,
                       const ResourceGroupPatch& in) const;
  /// $filter supports tagName/tagValue, name, substringof(…, name), location; else InvalidFilterInQueryString.
  Paged<ResourceGroup> list(const auth::Principal& caller, const std::string& sub, const ListQuery& q) const;
  /// Deletes the group and everything in it; returns the finished operation for the Location URL.
  AsyncOperation remove(const auth::Principal& caller, const std::string& sub, const std::string& name) const;

  /// Resource providers with rows outside arm_resources register here to join the cascade; the hook
  /// runs inside the delete transaction, before the group's resources are removed.
  using DeleteHook = std::function<void(store::Connection&, const ResourceId& group)>;
  void add_delete_hook(DeleteHook hook) { hooks_.push_back(std::move(hook)); }

private:
  store::Database& db_;
  const exec::Clock& clock_;
  const SubscriptionService& subs_;
  const AsyncOperations& ops_;
  const Authorizer& authz_;
  ResourceGroupStore store_;
  ResourceStore resources_;
  std::vector<DeleteHook> hooks_;
};

/// ARM's group name rule: 1-90 of letters, digits, '_', '-', '.', '(', ')', not ending in '.'.
bool valid_resource_group_name(const std::string& name);

}  // namespace azemu::arm
