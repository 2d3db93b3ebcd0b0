// Reference scans; see network_references.hpp.
#include "fake-arm/providers/network/common/network_references.hpp"

#include "fake-arm/core/resource_store.hpp"
#include "fake-arm/providers/network/common/network_service.hpp"

namespace azemu::arm {

namespace {
const nlohmann::json& array_at(const nlohmann::json& body, const char* key) {
  static const nlohmann::json empty = nlohmann::json::array();
  auto p = body.find("properties");
  if (p == body.end() || !p->is_object()) return empty;
  auto a = p->find(key);
  return a != p->end() && a->is_array() ? *a : empty;
}
}  // namespace

std::vector<IpConfigUse> ip_config_uses(store::Connection& c, const std::string& sub) {
  std::vector<IpConfigUse> out;
  ResourceStore store;
  for (const auto& nic : store.list_by_type(c, sub, "Microsoft.Network/networkInterfaces")) {
    for (const auto& ipc : array_at(nic.body, "ipConfigurations")) {
      const auto& p = ipc.value("properties", nlohmann::json::object());
      out.push_back({ipc.value("id", ""), nic.id.key(), reference_key(p.value("subnet", nlohmann::json())),
                     reference_key(p.value("publicIPAddress", nlohmann::json())), p.value("privateIPAddress", "")});
    }
  }
  return out;
}

std::vector<NsgUse> nsg_uses(store::Connection& c, const std::string& sub) {
  std::vector<NsgUse> out;
  ResourceStore store;
  for (const auto& nic : store.list_by_type(c, sub, "Microsoft.Network/networkInterfaces")) {
    auto key = reference_key(nic.body["properties"].value("networkSecurityGroup", nlohmann::json()));
    if (!key.empty()) out.push_back({nic.id.str(), key});
  }
  for (const auto& vnet : store.list_by_type(c, sub, "Microsoft.Network/virtualNetworks")) {
    for (const auto& subnet : array_at(vnet.body, "subnets")) {
      auto key = reference_key(subnet.value("properties", nlohmann::json::object()).value("networkSecurityGroup", nlohmann::json()));
      if (!key.empty()) out.push_back({subnet.value("id", ""), key});
    }
  }
  return out;
}

nlohmann::json id_list(const std::vector<std::string>& ids) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& id : ids) out.push_back({{"id", id}});
  return out;
}

}  // namespace azemu::arm

#include "emulator/json/strings.hpp"
#include "fake-arm/providers/network/network_errors.hpp"

namespace azemu::arm {

std::optional<StoredResource> resolve_reference(store::Connection& c, const nlohmann::json& ref, const std::string& full_type,
                                                const std::string& location, const std::string& by, const std::string& path) {
  if (ref.is_null()) return std::nullopt;
  if (!ref.is_object()) throw network_errors::invalid_request_format("'" + path + "' must be an object with an id.");
  auto it = ref.find("id");
  if (it == ref.end() || it->is_null()) return std::nullopt;
  const std::string value = it->is_string() ? it->get<std::string>() : it->dump();
  auto id = ResourceId::parse(value);
  if (!id || !id->is_resource()) throw network_errors::linked_invalid_property_id(value, path + ".id");
  auto r = ResourceStore().get(c, *id);
  if (!r || !text::iequals(r->type, full_type) || r->location != location)
    throw network_errors::invalid_resource_reference(value, by);
  return r;
}

}  // namespace azemu::arm
