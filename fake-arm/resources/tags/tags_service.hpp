// Tags of any scope through the tags wrapper resource (Spec: resources.json Tags_GetAtScope,
// Tags_CreateOrUpdateAtScope, Tags_UpdateAtScope, Tags_DeleteAtScope): a resource group's tags through
// ResourceGroupService, a resource's as the "tags" of its arm_resources row and body, so the resource's own GET
// shows them. Subscriptions carry no tags in azemu: that scope is AzemuNotImplemented.
#pragma once

#include "emulator/auth/principal.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/core/resource_store.hpp"
#include "fake-arm/resources/generic/generic_resource_service.hpp"
#include "fake-arm/resources/resource_groups/resource_group_service.hpp"
#include "fake-arm/resources/tags/tags_model.hpp"

#include <string>

namespace azemu::arm {

/// The tags after `patch` (pure). Merge: add and overwrite; Replace: the patch's set; Delete: drop each named tag
/// (names ignore case, as ARM's) whose value matches when the patch gives a non-empty one.
nlohmann::json apply_tags_patch(const nlohmann::json& current, const TagsPatch& patch);

class TagsService {
public:
  TagsService(store::Database& db, const exec::Clock& clock, const ResourceGroupService& groups,
              const GenericResourceService& generic)
      : db_(db), clock_(clock), groups_(groups), generic_(generic) {}

  // `scope` is the path before "/providers/Microsoft.Resources/tags/default". Reads need the scope's read
  // permission ({type}/read, resourceGroups/read), writes its write permission (Azure also accepts
  // Microsoft.Resources/tags/write alone, Tag Contributor's grant; azemu has no such role). Every method throws
  // InvalidResourceId (not a subscription, group or resource path), AzemuNotImplemented (subscription scope),
  // ResourceGroupNotFound, ResourceNotFound, InvalidResourceNamespace/Type, AuthorizationFailed.

  /// The tags of the scope, as the wrapper resource.
  nlohmann::json get(const auth::Principal& caller, const std::string& scope, const std::string& api_version) const;
  /// Replaces every tag. Throws InvalidTagCount (over 50) besides the above.
  nlohmann::json put(const auth::Principal& caller, const std::string& scope, const std::string& api_version,
                     const nlohmann::json& tags) const;
  nlohmann::json patch(const auth::Principal& caller, const std::string& scope, const std::string& api_version,
                       const TagsPatch& patch) const;
  /// Removes every tag.
  void remove(const auth::Principal& caller, const std::string& scope, const std::string& api_version) const;

private:
  /// Reads the scope's tags, applies `change` (when given) and stores the result; returns the tags.
  nlohmann::json change_tags(const auth::Principal& caller, const std::string& scope, const std::string& api_version,
                             const std::function<nlohmann::json(const nlohmann::json&)>* change) const;

  store::Database& db_;
  const exec::Clock& clock_;
  const ResourceGroupService& groups_;
  const GenericResourceService& generic_;
  ResourceStore store_;
};

}  // namespace azemu::arm
