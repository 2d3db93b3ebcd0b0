// Network security group rules; see network_security_group_service.hpp.
#include "fake-arm/providers/network/network_security_groups/network_security_group_service.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/providers/network/network_errors.hpp"

#include <array>
#include <map>
#include <set>

namespace azemu::arm {

namespace {
constexpr const char* kRuleType = "Microsoft.Network/networkSecurityGroups/securityRules";

/// `value` matched ignoring case against Azure's spellings; the canonical spelling or InvalidRequestFormat.
template <std::size_t N>
std::string enum_value(const nlohmann::json& props, const char* key, const std::array<const char*, N>& allowed,
                       const std::string& rule) {
  auto it = props.find(key);
  if (it == props.end() || it->is_null()) throw network_errors::security_rule_missing_property(rule, key);
  if (it->is_string())
    for (const char* a : allowed)
      if (text::iequals(it->get<std::string>(), a)) return a;
  throw network_errors::invalid_request_format("Value " + it->dump() + " of security rule property '" + key + "' is not valid.");
}

void default_array(nlohmann::json& p, const char* key) {
  if (!p.contains(key) || p[key].is_null()) p[key] = nlohmann::json::array();
}

nlohmann::json normalized_rule(const nlohmann::json& rule, const std::string& nsg_id, const std::string& etag) {
  if (!rule.is_object()) throw network_errors::invalid_request_format("Each security rule must be an object.");
  const std::string name = rule.value("name", "");
  if (!valid_network_name(name)) throw network_errors::invalid_resource_name(name);
  nlohmann::json p = rule.value("properties", nlohmann::json::object());
  if (!p.is_object()) throw network_errors::invalid_request_format("Security rule properties must be an object.");
  p["protocol"] = enum_value(p, "protocol", std::array{"Tcp", "Udp", "Icmp", "Esp", "*", "Ah"}, name);
  p["access"] = enum_value(p, "access", std::array{"Allow", "Deny"}, name);
  p["direction"] = enum_value(p, "direction", std::array{"Inbound", "Outbound"}, name);
  auto prio = p.find("priority");
  if (prio == p.end() || prio->is_null()) throw network_errors::security_rule_missing_property(name, "priority");
  if (!prio->is_number_integer() || prio->get<long long>() < 100 || prio->get<long long>() > 4096)
    throw network_errors::security_rule_invalid_priority(name, prio->dump());
  // Azure serves both the single and the plural forms; absent ones come back empty.
  for (const char* k : {"sourcePortRanges", "destinationPortRanges", "sourceAddressPrefixes", "destinationAddressPrefixes"})
    default_array(p, k);
  p["provisioningState"] = "Succeeded";
  return {{"name", name}, {"id", nsg_id + "/securityRules/" + name}, {"etag", etag}, {"type", kRuleType}, {"properties", p}};
}

nlohmann::json default_rule(const std::string& nsg_id, const std::string& etag, const char* name, const char* description,
                            const char* source, const char* destination, const char* access, int priority,
                            const char* direction) {
  return {{"name", name},
          {"id", nsg_id + "/defaultSecurityRules/" + name},
          {"etag", etag},
          {"type", "Microsoft.Network/networkSecurityGroups/defaultSecurityRules"},
          {"properties",
           {{"provisioningState", "Succeeded"},
            {"description", description},
            {"protocol", "*"},
            {"sourcePortRange", "*"},
            {"destinationPortRange", "*"},
            {"sourceAddressPrefix", source},
            {"destinationAddressPrefix", destination},
            {"access", access},
            {"priority", priority},
            {"direction", direction},
            {"sourcePortRanges", nlohmann::json::array()},
            {"destinationPortRanges", nlohmann::json::array()},
            {"sourceAddressPrefixes", nlohmann::json::array()},
            {"destinationAddressPrefixes", nlohmann::json::array()}}}};
}
}  // namespace

nlohmann::json default_security_rules(const std::string& nsg_id, const std::string& etag) {
  // Spec: network 2022-07-01 examples NetworkSecurityGroupGet (defaultSecurityRules); docs
  // "Network security groups: Default security rules".
  return nlohmann::json::array({
      default_rule(nsg_id, etag, "AllowVnetInBound", "Allow inbound traffic from all VMs in VNET", "VirtualNetwork",
                   "VirtualNetwork", "Allow", 65000, "Inbound"),
      default_rule(nsg_id, etag, "AllowAzureLoadBalancerInBound", "Allow inbound traffic from azure load balancer",
                   "AzureLoadBalancer", "*", "Allow", 65001, "Inbound"),
      default_rule(nsg_id, etag, "DenyAllInBound", "Deny all inbound traffic", "*", "*", "Deny", 65500, "Inbound"),
      default_rule(nsg_id, etag, "AllowVnetOutBound", "Allow outbound traffic from all VMs to all VMs in VNET",
                   "VirtualNetwork", "VirtualNetwork", "Allow", 65000, "Outbound"),
      default_rule(nsg_id, etag, "AllowInternetOutBound", "Allow outbound traffic from all VMs to Internet", "*", "Internet",
                   "Allow", 65001, "Outbound"),
      default_rule(nsg_id, etag, "DenyAllOutBound", "Deny all outbound traffic", "*", "*", "Deny", 65500, "Outbound"),
  });
}

nlohmann::json NetworkSecurityGroupService::prepare(PutContext& ctx) const {
  const std::string nsg_id = ctx.id.str();
  auto pit = ctx.body.find("properties");
  nlohmann::json props = pit != ctx.body.end() && pit->is_object() ? *pit : nlohmann::json::object();
  nlohmann::json rules = nlohmann::json::array();
  std::set<std::string> names;
  std::map<std::pair<std::string, long long>, std::string> slots;  // (direction, priority) → rule name
  auto given = props.find("securityRules");
  if (given != props.end() && !given->is_null()) {
    if (!given->is_array()) throw network_errors::invalid_request_format("'securityRules' must be an array.");
    for (const auto& r : *given) {
      auto rule = normalized_rule(r, nsg_id, ctx.etag);
      const std::string name = rule["name"];
      if (!names.insert(text::to_lower(name)).second) throw network_errors::duplicate_resource_name(nsg_id, name);
      auto slot = std::make_pair(rule["properties"]["direction"].get<std::string>(), rule["properties"]["priority"].get<long long>());
      auto [it, fresh] = slots.emplace(slot, name);
      if (!fresh) throw network_errors::security_rule_conflict(name, it->second);
      rules.push_back(std::move(rule));
    }
  }
  for (const char* derived : {"networkInterfaces", "subnets", "flowLogs", "provisioningState"}) props.erase(derived);
  props["securityRules"] = std::move(rules);
  props["defaultSecurityRules"] = default_security_rules(nsg_id, ctx.etag);
  return {{"properties", std::move(props)}};
}

void NetworkSecurityGroupService::check_delete(store::Connection& c, const StoredResource& r) const {
  std::string users;
  for (const auto& u : nsg_uses(c, r.id.subscription_id()))
    if (u.nsg_key == r.id.key()) users += (users.empty() ? "" : ", ") + u.user_id;
  if (!users.empty()) throw network_errors::nsg_in_use(r.id.str(), users);
}

nlohmann::json NetworkSecurityGroupService::present(store::Connection& c, nlohmann::json stored) const {
  auto id = ResourceId::parse(stored["id"].get<std::string>());
  std::vector<std::string> nics, subnets;
  for (const auto& u : nsg_uses(c, id->subscription_id())) {
    if (u.nsg_key != id->key()) continue;
    (text::to_lower(u.user_id).find("/subnets/") != std::string::npos ? subnets : nics).push_back(u.user_id);
  }
  if (!nics.empty()) stored["properties"]["networkInterfaces"] = id_list(nics);
  if (!subnets.empty()) stored["properties"]["subnets"] = id_list(subnets);
  return stored;
}

}  // namespace azemu::arm
