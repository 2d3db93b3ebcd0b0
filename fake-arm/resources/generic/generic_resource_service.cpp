// Generic resource semantics; see generic_resource_service.hpp.
#include "fake-arm/resources/generic/generic_resource_service.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/core/locations.hpp"
#include "fake-arm/core/tags.hpp"
#include "fake-arm/authorization/actions.hpp"
#include "fake-arm/errors.hpp"
#include "fake-arm/resources/providers/provider_service.hpp"

namespace azemu::arm {

namespace {
bool keep(const StoredResource& r, const ResourceFilter& f) {
  if (f.resource_type && !text::iequals(r.type, *f.resource_type)) return false;
  if (f.name && !text::iequals(r.id.name(), *f.name)) return false;
  if (f.name_contains && text::to_lower(r.id.name()).find(text::to_lower(*f.name_contains)) == std::string::npos)
    return false;
  if (f.location && r.location != canonical_location(*f.location)) return false;
  if (f.resource_group && !text::iequals(r.id.resource_group(), *f.resource_group)) return false;
  if (f.tag_name && !tags_match(r.tags, *f.tag_name, f.tag_value)) return false;
  return true;
}

Paged<StoredResource> filtered(std::vector<StoredResource> all, const ListQuery& q) {
  std::vector<StoredResource> kept;
  for (auto& r : all)
    if (keep(r, q.filter)) kept.push_back(std::move(r));
  return paginate(std::move(kept), q);
}
}  // namespace

Paged<StoredResource> GenericResourceService::list(const auth::Principal& caller, const std::string& sub,
                                                   const std::string& group, const ListQuery& q) const {
  Subscription s = subs_.require(caller, sub);
  if (!group.empty()) {
    authz_.authorize(caller, actions::kGroupResourcesRead, ResourceId::resource_group(s.id, group).str());
    auto all = db_.read([&](store::Connection& c) {
      if (!groups_.get(c, s.id, group)) throw errors::resource_group_not_found(group);
      return store_.list_by_group(c, s.id, group);
    });
    return filtered(std::move(all), q);
  }
  const Grants grants = authz_.grants(caller);
  const std::string scope = ResourceId::subscription(s.id).str();
  if (!grants.touches(scope)) throw Authorizer::denied(caller, actions::kResourcesRead, scope);
  auto all = db_.read([&](store::Connection& c) { return store_.list_by_subscription(c, s.id); });
  std::vector<StoredResource> readable;
  for (auto& r : all)
    if (grants.allows(actions::resource_action(r.id.full_type(), "read"), r.id.str())) readable.push_back(std::move(r));
  return filtered(std::move(readable), q);
}

ProviderPath GenericResourceService::resolve(const auth::Principal& caller, const std::string& sub,
                                             const std::string& group, const std::string& ns, const std::string& rest,
                                             const std::string& api_version, const char* verb) const {
  const bool is_read = std::string_view(verb) == "read";
  Subscription s = subs_.require(caller, sub);
  const ProviderInfo& provider = require_provider(ns, is_read);
  std::vector<std::string> parts;
  for (auto& p : text::split(rest, '/'))
    if (!p.empty()) parts.push_back(p);
  std::string type_path;
  for (std::size_t i = 0; i < parts.size(); i += 2) type_path += (type_path.empty() ? "" : "/") + parts[i];
  const ResourceTypeInfo* type = find_resource_type(provider, type_path);
  if (!type) throw errors::invalid_resource_type(type_path, provider.ns, api_version, is_read);

  // Print with the catalog's casing of namespace and types; names keep the client's.
  ResourceId scope = group.empty() ? ResourceId::subscription(s.id) : ResourceId::resource_group(s.id, group);
  auto canonical = text::split(type->type, '/');
  ProviderPath path;
  std::optional<ResourceId> id;
  for (std::size_t i = 0; i + 1 < parts.size(); i += 2) {
    id = id ? id->child(canonical[i / 2], parts[i + 1])
            : ResourceId::resource(s.id, group, provider.ns, canonical[0], parts[1]);
  }
  if (parts.size() % 2 == 0) {
    path.resource = id;
  } else {
    path.collection_parent = id ? *id : scope;
    path.collection_type = provider.ns + "/" + type->type;
  }
  // ARM authorizes before it looks for the group: a caller without access gets 403, not 404.
  const std::string target = path.resource ? path.resource->str()
                                           : path.collection_parent.is_resource()
                                                 ? path.collection_parent.str() + "/" + canonical.back()
                                                 : path.collection_parent.str() + "/providers/" + path.collection_type;
  const std::string full_type = path.resource ? path.resource->full_type() : path.collection_type;
  authz_.authorize(caller, actions::resource_action(full_type, verb), target);
  if (!group.empty()) {
    bool exists = db_.read([&](store::Connection& c) { return groups_.get(c, s.id, group).has_value(); });
    if (!exists) throw errors::resource_group_not_found(group);
  }
  return path;
}

StoredResource GenericResourceService::get(const ProviderPath& path) const {
  auto r = db_.read([&](store::Connection& c) { return store_.get(c, *path.resource); });
  if (!r) throw errors::resource_not_found(path.resource->full_type() + "/" + path.resource->full_name(),
                                           path.resource->resource_group());
  return *r;
}

Paged<StoredResource> GenericResourceService::list_collection(const ProviderPath& path, const ListQuery& q) const {
  const ResourceId& parent = path.collection_parent;
  auto all = db_.read([&](store::Connection& c) {
    if (parent.is_resource()) return store_.list_children(c, parent);
    return store_.list_by_type(c, parent.subscription_id(), path.collection_type, parent.resource_group());
  });
  std::vector<StoredResource> of_type;
  for (auto& r : all)
    if (text::iequals(r.id.full_type(), path.collection_type)) of_type.push_back(std::move(r));
  return filtered(std::move(of_type), q);
}

bool GenericResourceService::remove(const ProviderPath& path) const {
  return db_.write([&](store::Connection& c) { return store_.remove(c, *path.resource); });
}

}  // namespace azemu::arm
