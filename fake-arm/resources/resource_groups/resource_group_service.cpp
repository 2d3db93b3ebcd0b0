// Resource group semantics; see resource_group_service.hpp.
#include "fake-arm/resources/resource_groups/resource_group_service.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/core/locations.hpp"
#include "fake-arm/core/tags.hpp"
#include "fake-arm/authorization/actions.hpp"
#include "fake-arm/errors.hpp"

#include <cctype>

namespace azemu::arm {

bool valid_resource_group_name(const std::string& name) {
  if (name.empty() || name.size() > 90 || name.back() == '.') return false;
  for (unsigned char c : name) {
    // Bytes >= 0x80 belong to UTF-8 letters, which ARM accepts (\w is Unicode-aware there).
    if (std::isalnum(c) || c >= 0x80 || c == '_' || c == '-' || c == '.' || c == '(' || c == ')') continue;
    return false;
  }
  return true;
}

ResourceGroupService::PutResult ResourceGroupService::create_or_update(const auth::Principal& caller,
                                                                       const std::string& sub, const std::string& name,
                                                                       const ResourceGroupPut& in) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kGroupsWrite, ResourceId::resource_group(s.id, name).str());
  if (!valid_resource_group_name(name)) throw errors::invalid_resource_group_name(name);
  if (in.location.empty()) throw errors::location_required();
  auto location = find_location(in.location);
  if (!location) throw errors::location_not_available_for_group(in.location, location_names_joined());
  return db_.write([&](store::Connection& c) {
    const auto now = clock_.now_unix();
    auto existing = store_.get(c, s.id, name);
    if (existing && existing->location != location->name)
      throw errors::invalid_resource_group_location(location->name, existing->location);
    ResourceGroup g = existing ? *existing : ResourceGroup{s.id, name, location->name, {}, {}, now, now};
    g.tags = in.tags;
    g.managed_by = in.managed_by;
    g.changed_at = now;
    store_.upsert(c, g);
    return PutResult{g, !existing};
  });
}

ResourceGroup ResourceGroupService::get(const auth::Principal& caller, const std::string& sub,
                                        const std::string& name) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kGroupsRead, ResourceId::resource_group(s.id, name).str());
  auto g = db_.read([&](store::Connection& c) { return store_.get(c, s.id, name); });
  if (!g) throw errors::resource_group_not_found(name);
  return *g;
}

bool ResourceGroupService::exists(const auth::Principal& caller, const std::string& sub, const std::string& name) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kGroupsRead, ResourceId::resource_group(s.id, name).str());
  return db_.read([&](store::Connection& c) { return store_.get(c, s.id, name).has_value(); });
}

ResourceGroup ResourceGroupService::update(const auth::Principal& caller, const std::string& sub,
                                           const std::string& name, const ResourceGroupPatch& in) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kGroupsWrite, ResourceId::resource_group(s.id, name).str());
  return db_.write([&](store::Connection& c) {
    auto g = store_.get(c, s.id, name);
    if (!g) throw errors::resource_group_not_found(name);
    if (in.tags) g->tags = *in.tags;  // Spec: PATCH replaces the whole tags object
    if (in.managed_by) g->managed_by = *in.managed_by;
    g->changed_at = clock_.now_unix();
    store_.upsert(c, *g);
    return *g;
  });
}

Paged<ResourceGroup> ResourceGroupService::list(const auth::Principal& caller, const std::string& sub,
                                                const ListQuery& q) const {
  Subscription s = subs_.require(caller, sub);
  const ResourceFilter& f = q.filter;
  if (f.resource_type || f.resource_group) throw errors::invalid_filter(q.raw_filter);
  const Grants grants = authz_.grants(caller);
  const std::string scope = ResourceId::subscription(s.id).str();
  if (!grants.touches(scope)) throw Authorizer::denied(caller, actions::kGroupsRead, scope);
  auto all = db_.read([&](store::Connection& c) { return store_.list(c, s.id); });
  std::vector<ResourceGroup> kept;
  for (auto& g : all) {
    // Observed: ARM lists only the groups the caller can read (a group-scoped Reader sees its group).
    if (!grants.allows(actions::kGroupsRead, g.id().str())) continue;
    if (f.name && !text::iequals(g.name, *f.name)) continue;
    if (f.name_contains && text::to_lower(g.name).find(text::to_lower(*f.name_contains)) == std::string::npos) continue;
    if (f.location && g.location != canonical_location(*f.location)) continue;
    if (f.tag_name && !tags_match(g.tags, *f.tag_name, f.tag_value)) continue;
    kept.push_back(std::move(g));
  }
  return paginate(std::move(kept), q);
}

AsyncOperation ResourceGroupService::remove(const auth::Principal& caller, const std::string& sub,
                                            const std::string& name) const {
  Subscription s = subs_.require(caller, sub);
  authz_.authorize(caller, actions::kGroupsDelete, ResourceId::resource_group(s.id, name).str());
  return db_.write([&](store::Connection& c) {
    auto g = store_.get(c, s.id, name);
    if (!g) throw errors::resource_group_not_found(name);
    for (const auto& hook : hooks_) hook(c, g->id());
    resources_.remove_by_group(c, s.id, g->name);
    store_.remove(c, s.id, g->name);
    // Observed: ARM answers 202 + Location only (no Azure-AsyncOperation) for group deletes.
    return ops_.record_succeeded(c, {s.id, "Microsoft.Resources", "", "resourceGroupDelete", g->id().str()});
  });
}

}  // namespace azemu::arm
