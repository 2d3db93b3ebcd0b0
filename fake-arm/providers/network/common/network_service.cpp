// Shared Network semantics; see network_service.hpp.
#include "fake-arm/providers/network/common/network_service.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"
#include "fake-arm/authorization/actions.hpp"
#include "fake-arm/core/locations.hpp"
#include "fake-arm/core/tags.hpp"
#include "fake-arm/errors.hpp"
#include "fake-arm/providers/network/network_errors.hpp"

#include <cctype>

namespace azemu::arm {

namespace {
bool word_char(unsigned char c) { return std::isalnum(c) || c == '_'; }

std::int64_t now_of(const NetworkDeps& d) { return d.clock.now_unix(); }
}  // namespace

bool valid_network_name(const std::string& name) {
  if (name.empty() || name.size() > 80) return false;
  if (!word_char(name.front()) || !word_char(name.back())) return false;
  for (unsigned char c : name)
    if (!word_char(c) && c != '.' && c != '-') return false;
  return true;
}

std::string new_network_etag() { return "W/\"" + ids::new_guid() + "\""; }

std::string reference_key(const nlohmann::json& ref) {
  if (!ref.is_object()) return "";
  auto it = ref.find("id");
  if (it == ref.end() || !it->is_string()) return "";
  return text::to_lower(it->get<std::string>());
}

ResourceId NetworkApi::make_id(const std::string& sub, const std::string& group, const std::vector<std::string>& names) const {
  const std::string& type = full_type();
  auto types = text::split(type.substr(type.find('/') + 1), '/');
  ResourceId id = ResourceId::resource(sub, group, kNetworkNamespace, types.at(0), names.at(0));
  for (std::size_t i = 1; i < types.size() && i < names.size(); ++i) id = id.child(types[i], names[i]);
  return id;
}

ResourceId NetworkApi::canonical(const ResourceId& id) const {
  std::vector<std::string> names;
  for (const auto& s : id.segments()) names.push_back(s.name);
  return make_id(id.subscription_id(), id.resource_group(), names);
}

nlohmann::json NetworkApi::get(const auth::Principal& caller, const ResourceId& id) const {
  if (auto body = find(caller, id)) return *body;
  throw not_found_error(id);
}

AzureError NetworkApi::not_found_error(const ResourceId& id) const {
  return network_errors::not_found(full_type() + "/" + id.full_name(), id.resource_group());
}

nlohmann::json NetworkApi::update_tags(const auth::Principal&, const ResourceId&, const nlohmann::json&) const {
  throw network_errors::invalid_request_format("Tags can only be updated on top-level resources.");
}

// ---- TopLevelNetworkService ----------------------------------------------------------------------

std::optional<StoredResource> TopLevelNetworkService::load(store::Connection& c, const ResourceId& id) const {
  auto r = store_.get(c, id);
  if (!r || !text::iequals(r->type, full_type())) return std::nullopt;
  return r;
}

void TopLevelNetworkService::check_delete(store::Connection&, const StoredResource&) const {}

nlohmann::json TopLevelNetworkService::present(store::Connection&, nlohmann::json stored) const { return stored; }

std::pair<nlohmann::json, bool> TopLevelNetworkService::write_in(store::Connection& c, const ResourceId& raw_id,
                                                                 const nlohmann::json& body) const {
  const ResourceId id = canonical(raw_id);
  if (!body.is_object()) throw errors::invalid_request_content("The request body must be a JSON object.");
  if (!valid_network_name(id.name())) throw network_errors::invalid_resource_name(id.name());
  auto group = groups_.get(c, id.subscription_id(), id.resource_group());
  if (!group) throw errors::resource_group_not_found(id.resource_group());
  auto existing = load(c, id);
  // The first PUT's casing of the name stays (ARM ids compare ignoring case); the group's is the group's.
  const ResourceId stored_id = existing ? existing->id
                                        : ResourceId::resource(id.subscription_id(), group->name, kNetworkNamespace,
                                                               id.segments()[0].type, id.name());

  std::string location;
  auto loc = body.find("location");
  if (loc == body.end() || loc->is_null() || (loc->is_string() && loc->get<std::string>().empty())) {
    if (!existing) throw errors::location_required();
    location = existing->location;
  } else {
    if (!loc->is_string()) throw errors::invalid_request_content("location must be a string");
    auto found = find_location(loc->get<std::string>());
    if (!found)
      throw errors::location_not_available_for_resource_type(loc->get<std::string>(), full_type(), location_names_joined());
    location = found->name;
  }
  if (existing && existing->location != location)
    throw errors::invalid_resource_location(id.name(), existing->location, group->name, location);

  nlohmann::json tags = validated_tags(body.value("tags", nlohmann::json()));
  const std::string etag = new_network_etag();
  PutContext ctx{c, stored_id, body, existing, location, etag};
  nlohmann::json out = prepare(ctx);
  out["id"] = stored_id.str();
  out["name"] = stored_id.name();
  out["type"] = full_type();
  out["location"] = location;
  out["tags"] = tags;
  out["etag"] = etag;
  nlohmann::json& props = out["properties"];
  props["provisioningState"] = "Succeeded";
  props["resourceGuid"] = existing ? existing->body["properties"].value("resourceGuid", ids::new_guid()) : ids::new_guid();

  const auto now = now_of(d_);
  StoredResource row{stored_id, full_type(), location, tags, out, existing ? existing->created_at : now, now};
  store_.put(c, row);
  d_.providers.auto_register(c, id.subscription_id(), kNetworkNamespace);
  return {out, !existing};
}

NetworkWrite TopLevelNetworkService::put(const auth::Principal& caller, const ResourceId& raw_id,
                                         const nlohmann::json& body) const {
  const ResourceId id = canonical(raw_id);
  Subscription s = d_.subs.require(caller, id.subscription_id());
  d_.authz.authorize(caller, actions::resource_action(full_type(), "write"), id.str());
  return d_.db.write([&](store::Connection& c) {
    auto [stored, created] = write_in(c, id, body);
    NetworkWrite w;
    w.created = created;
    w.operation = d_.ops.record_succeeded(
        c, {s.id, kNetworkNamespace, stored["location"].get<std::string>(), "networkPut", stored["id"].get<std::string>()});
    w.body = present(c, std::move(stored));
    return w;
  });
}

std::optional<nlohmann::json> TopLevelNetworkService::find(const auth::Principal& caller, const ResourceId& raw_id) const {
  const ResourceId id = canonical(raw_id);
  d_.subs.require(caller, id.subscription_id());
  d_.authz.authorize(caller, actions::resource_action(full_type(), "read"), id.str());
  return d_.db.read([&](store::Connection& c) -> std::optional<nlohmann::json> {
    auto r = load(c, id);
    if (!r) {
      if (!groups_.get(c, id.subscription_id(), id.resource_group())) throw errors::resource_group_not_found(id.resource_group());
      return std::nullopt;
    }
    return present(c, r->body);
  });
}

std::optional<AsyncOperation> TopLevelNetworkService::remove(const auth::Principal& caller, const ResourceId& raw_id) const {
  const ResourceId id = canonical(raw_id);
  Subscription s = d_.subs.require(caller, id.subscription_id());
  d_.authz.authorize(caller, actions::resource_action(full_type(), "delete"), id.str());
  return d_.db.write([&](store::Connection& c) -> std::optional<AsyncOperation> {
    auto r = load(c, id);
    if (!r) {
      if (!groups_.get(c, id.subscription_id(), id.resource_group())) throw errors::resource_group_not_found(id.resource_group());
      return std::nullopt;
    }
    check_delete(c, *r);
    store_.remove(c, r->id);
    return d_.ops.record_succeeded(c, {s.id, kNetworkNamespace, r->location, "networkDelete", r->id.str()});
  });
}

std::vector<nlohmann::json> TopLevelNetworkService::list(const auth::Principal& caller, const ResourceId& scope) const {
  Subscription s = d_.subs.require(caller, scope.subscription_id());
  Grants grants = d_.authz.grants(caller);
  const std::string read = actions::resource_action(full_type(), "read");
  return d_.db.read([&](store::Connection& c) {
    if (!scope.resource_group().empty() && !groups_.get(c, s.id, scope.resource_group()))
      throw errors::resource_group_not_found(scope.resource_group());
    std::vector<nlohmann::json> out;
    for (const auto& r : store_.list_by_type(c, s.id, full_type(), scope.resource_group()))
      if (grants.allows(read, r.id.str())) out.push_back(present(c, r.body));
    return out;
  });
}

nlohmann::json TopLevelNetworkService::update_tags(const auth::Principal& caller, const ResourceId& raw_id,
                                                   const nlohmann::json& tags) const {
  const ResourceId id = canonical(raw_id);
  d_.subs.require(caller, id.subscription_id());
  d_.authz.authorize(caller, actions::resource_action(full_type(), "write"), id.str());
  nlohmann::json valid = validated_tags(tags);
  return d_.db.write([&](store::Connection& c) {
    auto r = load(c, id);
    if (!r) {
      if (!groups_.get(c, id.subscription_id(), id.resource_group())) throw errors::resource_group_not_found(id.resource_group());
      throw not_found_error(id);
    }
    r->body["tags"] = valid;
    r->body["etag"] = new_network_etag();
    r->tags = valid;
    r->changed_at = now_of(d_);
    store_.put(c, *r);
    return present(c, r->body);
  });
}

}  // namespace azemu::arm
