// Virtual network rules; see virtual_network_service.hpp.
#include "fake-arm/providers/network/virtual_networks/virtual_network_service.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/authorization/actions.hpp"
#include "fake-arm/providers/network/common/ip_prefix.hpp"
#include "fake-arm/providers/network/network_errors.hpp"

#include <set>

namespace azemu::arm {

namespace {
constexpr const char* kSubnetType = "Microsoft.Network/virtualNetworks/subnets";
constexpr const char* kNsgType = "Microsoft.Network/networkSecurityGroups";

/// Parses a prefix written by the client; `resource` names the owner in the error.
net::Prefix checked_prefix(const nlohmann::json& v, const std::string& resource) {
  const std::string text = v.is_string() ? v.get<std::string>() : v.dump();
  auto p = net::parse_prefix(text);
  if (!p) throw network_errors::invalid_address_prefix_format(text, resource);
  if (!p->canonical()) throw network_errors::invalid_cidr_notation(text, resource, p->str());
  return *p;
}

const nlohmann::json& object_at(const nlohmann::json& j, const char* key) {
  static const nlohmann::json empty = nlohmann::json::object();
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return empty;
  if (!it->is_object()) throw network_errors::invalid_request_format(std::string("'") + key + "' must be an object.");
  return *it;
}

const nlohmann::json& array_at(const nlohmann::json& j, const char* key) {
  static const nlohmann::json empty = nlohmann::json::array();
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return empty;
  if (!it->is_array()) throw network_errors::invalid_request_format(std::string("'") + key + "' must be an array.");
  return *it;
}

std::vector<net::Prefix> subnet_prefixes(const nlohmann::json& props, const std::string& subnet_id) {
  std::vector<net::Prefix> out;
  auto one = props.find("addressPrefix");
  if (one != props.end() && !one->is_null()) out.push_back(checked_prefix(*one, subnet_id));
  for (const auto& p : array_at(props, "addressPrefixes")) out.push_back(checked_prefix(p, subnet_id));
  return out;
}

/// The first NIC IP configuration using `subnet_key`, "" when none.
std::string first_user(const std::vector<IpConfigUse>& uses, const std::string& subnet_key) {
  for (const auto& u : uses)
    if (u.subnet_key == subnet_key) return u.ipconfig_id;
  return "";
}
}  // namespace

std::string VirtualNetworkService::subnet_prefix(const nlohmann::json& subnet) {
  const auto& p = subnet.value("properties", nlohmann::json::object());
  if (p.contains("addressPrefix") && p["addressPrefix"].is_string()) return p["addressPrefix"].get<std::string>();
  if (p.contains("addressPrefixes") && p["addressPrefixes"].is_array() && !p["addressPrefixes"].empty())
    return p["addressPrefixes"][0].get<std::string>();
  return "";
}

nlohmann::json VirtualNetworkService::prepare(PutContext& ctx) const {
  const nlohmann::json& in = object_at(ctx.body, "properties");
  const std::string vnet_id = ctx.id.str();
  const std::string vnet_name = ctx.id.name();

  std::vector<net::Prefix> space;
  nlohmann::json prefixes = nlohmann::json::array();
  for (const auto& p : array_at(object_at(in, "addressSpace"), "addressPrefixes")) {
    space.push_back(checked_prefix(p, vnet_id));
    prefixes.push_back(p);
  }

  nlohmann::json props = in;  // unknown properties pass through, as ARM stores what it does not validate
  props["addressSpace"] = {{"addressPrefixes", prefixes}};
  if (!in.contains("dhcpOptions") || in["dhcpOptions"].is_null()) props["dhcpOptions"] = {{"dnsServers", nlohmann::json::array()}};
  if (!in.contains("virtualNetworkPeerings") || in["virtualNetworkPeerings"].is_null())
    props["virtualNetworkPeerings"] = nlohmann::json::array();
  if (!in.contains("enableDdosProtection") || in["enableDdosProtection"].is_null()) props["enableDdosProtection"] = false;

  const auto uses = ip_config_uses(ctx.c, ctx.id.subscription_id());
  std::vector<std::pair<std::string, net::Prefix>> taken;  // (subnet name, prefix) accepted so far
  std::set<std::string> names;
  nlohmann::json subnets = nlohmann::json::array();
  for (const auto& s : array_at(in, "subnets")) {
    if (!s.is_object()) throw network_errors::invalid_request_format("Each subnet must be an object.");
    const std::string name = s.value("name", "");
    if (!valid_network_name(name)) throw network_errors::invalid_resource_name(name);
    if (!names.insert(text::to_lower(name)).second) throw network_errors::duplicate_resource_name(vnet_id, name);
    const std::string subnet_id = vnet_id + "/subnets/" + name;
    nlohmann::json sp = object_at(s, "properties");
    auto mine = subnet_prefixes(sp, subnet_id);
    if (mine.empty()) throw network_errors::subnet_prefix_missing(name, vnet_name);
    for (const auto& p : mine) {
      bool inside = false;
      for (const auto& v : space) inside = inside || v.contains(p);
      if (!inside) throw network_errors::subnet_outside_vnet(name, vnet_name);
      for (const auto& [other, q] : taken)
        if (q.overlaps(p)) throw network_errors::subnet_ranges_overlap(name, vnet_name);
    }
    for (const auto& p : mine) taken.emplace_back(name, p);

    auto nsg = resolve_reference(ctx.c, sp.value("networkSecurityGroup", nlohmann::json()), kNsgType, ctx.location, subnet_id,
                                 "properties.subnets.properties.networkSecurityGroup");
    if (nsg) sp["networkSecurityGroup"] = {{"id", nsg->id.str()}};
    else sp.erase("networkSecurityGroup");
    for (const char* derived : {"ipConfigurations", "provisioningState", "ipConfigurationProfiles", "resourceNavigationLinks",
                                "serviceAssociationLinks", "privateEndpoints"})
      sp.erase(derived);
    if (!sp.contains("delegations") || sp["delegations"].is_null()) sp["delegations"] = nlohmann::json::array();
    if (!sp.contains("privateEndpointNetworkPolicies") || sp["privateEndpointNetworkPolicies"].is_null())
      sp["privateEndpointNetworkPolicies"] = "Disabled";
    if (!sp.contains("privateLinkServiceNetworkPolicies") || sp["privateLinkServiceNetworkPolicies"].is_null())
      sp["privateLinkServiceNetworkPolicies"] = "Enabled";
    sp["provisioningState"] = "Succeeded";

    // A subnet in use keeps its prefix (the NICs' addresses are inside it).
    if (ctx.existing) {
      for (const auto& old : ctx.existing->body["properties"].value("subnets", nlohmann::json::array())) {
        if (!text::iequals(old.value("name", ""), name)) continue;
        auto user = first_user(uses, text::to_lower(old.value("id", "")));
        if (!user.empty() && subnet_prefix(old) != subnet_prefix({{"properties", sp}}))
          throw network_errors::subnet_in_use_cannot_be_updated(name, user);
      }
    }
    subnets.push_back({{"name", name}, {"id", subnet_id}, {"etag", ctx.etag}, {"type", kSubnetType}, {"properties", sp}});
  }
  // Subnets that disappear must be empty.
  if (ctx.existing) {
    for (const auto& old : ctx.existing->body["properties"].value("subnets", nlohmann::json::array())) {
      if (names.count(text::to_lower(old.value("name", "")))) continue;
      auto user = first_user(uses, text::to_lower(old.value("id", "")));
      if (!user.empty()) throw network_errors::subnet_in_use(old.value("name", ""), user);
    }
  }
  props["subnets"] = std::move(subnets);
  return {{"properties", std::move(props)}};
}

void VirtualNetworkService::check_delete(store::Connection& c, const StoredResource& r) const {
  const auto uses = ip_config_uses(c, r.id.subscription_id());
  for (const auto& s : r.body["properties"].value("subnets", nlohmann::json::array())) {
    auto user = first_user(uses, text::to_lower(s.value("id", "")));
    if (!user.empty()) throw network_errors::subnet_in_use(s.value("name", ""), user);
  }
}

nlohmann::json VirtualNetworkService::present(store::Connection& c, nlohmann::json stored) const {
  auto& subnets = stored["properties"]["subnets"];
  if (!subnets.is_array() || subnets.empty()) return stored;
  const auto uses = ip_config_uses(c, ResourceId::parse(stored["id"].get<std::string>())->subscription_id());
  for (auto& s : subnets) {
    std::vector<std::string> ids;
    const std::string key = text::to_lower(s.value("id", ""));
    for (const auto& u : uses)
      if (u.subnet_key == key) ids.push_back(u.ipconfig_id);
    if (!ids.empty()) s["properties"]["ipConfigurations"] = id_list(ids);
  }
  return stored;
}

nlohmann::json VirtualNetworkService::check_ip_address(const auth::Principal& caller, const ResourceId& vnet,
                                                       const std::string& ip) const {
  auto body = get(caller, vnet);  // authorizes virtualNetworks/read
  auto address = net::parse_ipv4(ip);
  if (!address) throw network_errors::invalid_request_format("'" + ip + "' is not a valid IPv4 address.");
  return d_.db.read([&](store::Connection& c) {
    const auto uses = ip_config_uses(c, canonical(vnet).subscription_id());
    for (const auto& s : body["properties"]["subnets"]) {
      auto prefix = net::parse_prefix(subnet_prefix(s));
      if (!prefix || !prefix->contains(*address)) continue;
      std::set<std::string> used;
      const std::string key = text::to_lower(s.value("id", ""));
      for (const auto& u : uses)
        if (u.subnet_key == key) used.insert(u.private_ip);
      auto free = [&](std::uint32_t a) { return !net::is_reserved_in_subnet(*prefix, a) && !used.count(net::format_ipv4(a)); };
      if (free(*address)) return nlohmann::json{{"available", true}};
      nlohmann::json others = nlohmann::json::array();
      for (std::uint32_t a = prefix->first(); a <= prefix->last() && others.size() < 5; ++a)
        if (free(a)) others.push_back(net::format_ipv4(a));
      return nlohmann::json{{"available", false}, {"availableIPAddresses", others}};
    }
    // Observed: an address outside every subnet is reported unavailable without suggestions.
    return nlohmann::json{{"available", false}, {"availableIPAddresses", nlohmann::json::array()}};
  });
}

}  // namespace azemu::arm
