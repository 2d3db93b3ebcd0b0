// Embedded child resources; see child_network_service.hpp.
#include "fake-arm/providers/network/common/child_network_service.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/authorization/actions.hpp"
#include "fake-arm/errors.hpp"
#include "fake-arm/providers/network/network_errors.hpp"

namespace azemu::arm {

void ChildNetworkService::authorize(const auth::Principal& caller, const ResourceId& id, const char* verb) const {
  const NetworkDeps& d = parent_.deps();
  d.subs.require(caller, id.subscription_id());
  d.authz.authorize(caller, actions::resource_action(full_type_, verb), id.str());
}

AzureError ChildNetworkService::not_found_error(const ResourceId& id) const {
  // Observed: the Network RP answers a missing child with its own NotFound, naming the parent.
  return network_errors::child_not_found(what_, id.name(), id.parent().str());
}

StoredResource ChildNetworkService::parent_row(store::Connection& c, const ResourceId& child) const {
  const ResourceId pid = child.parent();
  auto row = parent_.load(c, pid);
  if (!row) {
    ResourceGroupStore groups;
    if (!groups.get(c, pid.subscription_id(), pid.resource_group())) throw errors::resource_group_not_found(pid.resource_group());
    throw network_errors::not_found(parent_.full_type() + "/" + pid.name(), pid.resource_group());
  }
  return *row;
}

std::optional<nlohmann::json> ChildNetworkService::pick(const nlohmann::json& served, const std::string& name) const {
  for (const auto& child : served["properties"].value(child_type_, nlohmann::json::array()))
    if (text::iequals(child.value("name", ""), name)) return child;
  return std::nullopt;
}

NetworkWrite ChildNetworkService::put(const auth::Principal& caller, const ResourceId& raw_id, const nlohmann::json& body) const {
  const ResourceId id = canonical(raw_id);
  authorize(caller, id, "write");
  if (!body.is_object()) throw errors::invalid_request_content("The request body must be a JSON object.");
  if (!valid_network_name(id.name())) throw network_errors::invalid_resource_name(id.name());
  const NetworkDeps& d = parent_.deps();
  return d.db.write([&](store::Connection& c) {
    StoredResource row = parent_row(c, id);
    nlohmann::json input = row.body;
    nlohmann::json& list = input["properties"][child_type_];
    if (!list.is_array()) list = nlohmann::json::array();
    nlohmann::json child = {{"name", id.name()}, {"properties", body.value("properties", nlohmann::json::object())}};
    bool created = true;
    for (auto& existing : list) {
      if (!text::iequals(existing.value("name", ""), id.name())) continue;
      child["name"] = existing["name"];  // the stored name keeps its casing
      existing = child;
      created = false;
    }
    if (created) list.push_back(child);
    auto [stored, unused] = parent_.write_in(c, row.id, input);
    NetworkWrite w;
    w.created = created;
    w.operation = d.ops.record_succeeded(c, {id.subscription_id(), kNetworkNamespace, row.location, "networkPut", id.str()});
    w.body = *pick(parent_.served(c, {row.id, row.type, row.location, row.tags, stored}), child["name"].get<std::string>());
    return w;
  });
}

std::optional<nlohmann::json> ChildNetworkService::find(const auth::Principal& caller, const ResourceId& raw_id) const {
  const ResourceId id = canonical(raw_id);
  authorize(caller, id, "read");
  return parent_.deps().db.read([&](store::Connection& c) {
    StoredResource row = parent_row(c, id);
    return pick(parent_.served(c, row), id.name());
  });
}

std::optional<AsyncOperation> ChildNetworkService::remove(const auth::Principal& caller, const ResourceId& raw_id) const {
  const ResourceId id = canonical(raw_id);
  authorize(caller, id, "delete");
  const NetworkDeps& d = parent_.deps();
  return d.db.write([&](store::Connection& c) -> std::optional<AsyncOperation> {
    StoredResource row = parent_row(c, id);
    nlohmann::json input = row.body;
    nlohmann::json& list = input["properties"][child_type_];
    if (!list.is_array()) return std::nullopt;
    const auto before = list.size();
    for (auto it = list.begin(); it != list.end();) {
      if (text::iequals(it->value("name", ""), id.name())) it = list.erase(it);
      else ++it;
    }
    if (list.size() == before) return std::nullopt;
    parent_.write_in(c, row.id, input);  // the parent's rules refuse removing a child in use
    return d.ops.record_succeeded(c, {id.subscription_id(), kNetworkNamespace, row.location, "networkDelete", id.str()});
  });
}

std::vector<nlohmann::json> ChildNetworkService::list(const auth::Principal& caller, const ResourceId& raw_scope) const {
  const ResourceId scope = parent_.canonical(raw_scope);
  const NetworkDeps& d = parent_.deps();
  d.subs.require(caller, scope.subscription_id());
  d.authz.authorize(caller, actions::resource_action(full_type_, "read"), scope.str());
  return d.db.read([&](store::Connection& c) {
    StoredResource row = parent_row(c, scope.child(child_type_, "_"));
    std::vector<nlohmann::json> out;
    for (const auto& child : parent_.served(c, row)["properties"].value(child_type_, nlohmann::json::array())) out.push_back(child);
    return out;
  });
}

}  // namespace azemu::arm
