// See tags_service.hpp.
#include "fake-arm/resources/tags/tags_service.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/core/tags.hpp"
#include "fake-arm/errors.hpp"

namespace azemu::arm {

namespace {
ResourceId parse_scope(const std::string& scope) {
  auto id = ResourceId::parse(scope);
  if (!id) throw errors::invalid_resource_id(scope);
  if (id->is_subscription()) throw errors::not_implemented("tags on a subscription");
  return *id;
}

/// "{type}/{name}[/{type}/{name}...]" below the provider namespace, as GenericResourceService::resolve takes it.
std::string type_name_path(const ResourceId& id) {
  std::string rest;
  for (const auto& s : id.segments()) rest += (rest.empty() ? "" : "/") + s.type + "/" + s.name;
  return rest;
}
}  // namespace

nlohmann::json apply_tags_patch(const nlohmann::json& current, const TagsPatch& patch) {
  if (patch.operation == TagsOperation::replace) return patch.tags;
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : current.items()) {
    bool drop = false;
    for (const auto& [given, given_value] : patch.tags.items())
      if (text::iequals(name, given)) {
        const std::string v = given_value.get<std::string>();
        // Merge overwrites under the new spelling (below); Delete drops on a name (and value) match.
        drop = patch.operation == TagsOperation::merge || v.empty() || v == value.get<std::string>();
      }
    if (!drop) out[name] = value;
  }
  if (patch.operation == TagsOperation::merge)
    for (const auto& [name, value] : patch.tags.items()) out[name] = value;
  return out;
}

nlohmann::json TagsService::change_tags(const auth::Principal& caller, const std::string& scope,
                                        const std::string& api_version,
                                        const std::function<nlohmann::json(const nlohmann::json&)>* change) const {
  const ResourceId id = parse_scope(scope);
  if (id.is_resource_group()) {
    const ResourceGroup g = groups_.get(caller, id.subscription_id(), id.resource_group());
    if (!change) return g.tags;
    ResourceGroupPatch p;
    p.tags = validated_tags((*change)(g.tags));
    return groups_.update(caller, id.subscription_id(), id.resource_group(), p).tags;
  }
  // Validates namespace and type against the catalog and authorizes {type}/read or /write on the resource.
  const ProviderPath path = generic_.resolve(caller, id.subscription_id(), id.resource_group(), id.provider_namespace(),
                                             type_name_path(id), api_version, change ? "write" : "read");
  if (!path.resource) throw errors::invalid_resource_id(scope);
  auto apply = [&](store::Connection& c) {
    auto r = store_.get(c, *path.resource);
    if (!r) throw errors::resource_not_found(path.resource->full_type() + "/" + path.resource->full_name(), id.resource_group());
    if (!change) return r->tags;
    r->tags = validated_tags((*change)(r->tags));
    r->body["tags"] = r->tags;
    r->changed_at = clock_.now_unix();
    store_.put(c, *r);
    return r->tags;
  };
  return change ? db_.write(apply) : db_.read(apply);
}

nlohmann::json TagsService::get(const auth::Principal& caller, const std::string& scope,
                                const std::string& api_version) const {
  return tags_resource_json(parse_scope(scope), change_tags(caller, scope, api_version, nullptr));
}

nlohmann::json TagsService::put(const auth::Principal& caller, const std::string& scope, const std::string& api_version,
                                const nlohmann::json& tags) const {
  const std::function<nlohmann::json(const nlohmann::json&)> replace = [&](const nlohmann::json&) { return tags; };
  return tags_resource_json(parse_scope(scope), change_tags(caller, scope, api_version, &replace));
}

nlohmann::json TagsService::patch(const auth::Principal& caller, const std::string& scope,
                                  const std::string& api_version, const TagsPatch& p) const {
  const std::function<nlohmann::json(const nlohmann::json&)> update = [&](const nlohmann::json& now) {
    return apply_tags_patch(now, p);
  };
  return tags_resource_json(parse_scope(scope), change_tags(caller, scope, api_version, &update));
}

void TagsService::remove(const auth::Principal& caller, const std::string& scope, const std::string& api_version) const {
  const std::function<nlohmann::json(const nlohmann::json&)> clear = [](const nlohmann::json&) {
    return nlohmann::json::object();
  };
  change_tags(caller, scope, api_version, &clear);
}

}  // namespace azemu::arm
