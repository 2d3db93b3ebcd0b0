// Network interface rules; see network_interface_service.hpp.
#include "fake-arm/providers/network/network_interfaces/network_interface_service.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"
#include "fake-arm/providers/network/common/ip_prefix.hpp"
#include "fake-arm/providers/network/network_errors.hpp"
#include "fake-arm/providers/network/virtual_networks/virtual_network_service.hpp"

#include <set>

namespace azemu::arm {

namespace {
constexpr const char* kIpConfigType = "Microsoft.Network/networkInterfaces/ipConfigurations";

/// The subnet an IP configuration references: its canonical id, VNet row and stored subnet body.
struct SubnetRef {
  std::string id;
  std::string key;
  net::Prefix prefix;
};

SubnetRef resolve_subnet(store::Connection& c, const nlohmann::json& ref, const std::string& location,
                         const std::string& ipconfig_id, const std::string& path) {
  if (!ref.is_object() || !ref.contains("id") || ref["id"].is_null()) throw network_errors::ip_configuration_subnet_required(ipconfig_id);
  const std::string value = ref["id"].is_string() ? ref["id"].get<std::string>() : ref["id"].dump();
  auto id = ResourceId::parse(value);
  if (!id || id->segments().size() != 2) throw network_errors::linked_invalid_property_id(value, path + ".id");
  auto vnet = ResourceStore().get(c, id->parent());
  if (!vnet || !text::iequals(vnet->type, "Microsoft.Network/virtualNetworks") ||
      !text::iequals(id->segments()[1].type, "subnets") || vnet->location != location)
    throw network_errors::invalid_resource_reference(value, ipconfig_id);
  for (const auto& s : vnet->body["properties"].value("subnets", nlohmann::json::array())) {
    if (!text::iequals(s.value("name", ""), id->name())) continue;
    auto prefix = net::parse_prefix(VirtualNetworkService::subnet_prefix(s));
    if (!prefix) break;
    const std::string sid = s.value("id", "");
    return {sid, text::to_lower(sid), *prefix};
  }
  throw network_errors::invalid_resource_reference(value, ipconfig_id);
}

std::string new_mac() {
  std::string hex = ids::random_hex(3);
  for (auto& ch : hex) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return "00-0D-3A-" + hex.substr(0, 2) + "-" + hex.substr(2, 2) + "-" + hex.substr(4, 2);
}

std::string method_of(const nlohmann::json& p) {
  auto it = p.find("privateIPAllocationMethod");
  if (it == p.end() || it->is_null()) return "Dynamic";
  if (it->is_string()) {
    if (text::iequals(it->get<std::string>(), "Dynamic")) return "Dynamic";
    if (text::iequals(it->get<std::string>(), "Static")) return "Static";
  }
  throw network_errors::invalid_request_format("Value " + it->dump() + " of 'privateIPAllocationMethod' is not valid.");
}
}  // namespace

nlohmann::json NetworkInterfaceService::prepare(PutContext& ctx) const {
  const std::string nic_id = ctx.id.str();
  auto pit = ctx.body.find("properties");
  nlohmann::json props = pit != ctx.body.end() && pit->is_object() ? *pit : nlohmann::json::object();
  const nlohmann::json old_props = ctx.existing ? ctx.existing->body["properties"] : nlohmann::json::object();
  auto configs = props.find("ipConfigurations");
  if (configs == props.end() || !configs->is_array() || configs->empty()) throw network_errors::nic_ip_configuration_required(nic_id);

  // Addresses held by other NICs' configurations, per subnet key; and what each public IP serves.
  std::map<std::string, std::map<std::string, std::string>> taken;  // subnet key → ip → ipconfig id
  std::map<std::string, std::string> pip_users;
  for (const auto& u : ip_config_uses(ctx.c, ctx.id.subscription_id())) {
    if (u.nic_key == ctx.id.key()) continue;
    taken[u.subnet_key][u.private_ip] = u.ipconfig_id;
    if (!u.public_ip_key.empty()) pip_users[u.public_ip_key] = u.ipconfig_id;
  }
  std::map<std::string, nlohmann::json> old_configs;  // lower name → stored ipconfig
  for (const auto& o : old_props.value("ipConfigurations", nlohmann::json::array()))
    old_configs[text::to_lower(o.value("name", ""))] = o;

  bool any_primary = false;
  for (const auto& ic : *configs)
    if (ic.is_object() && ic.value("properties", nlohmann::json::object()).value("primary", false) == true) any_primary = true;

  std::set<std::string> names;
  nlohmann::json out_configs = nlohmann::json::array();
  for (std::size_t i = 0; i < configs->size(); ++i) {
    const auto& ic = (*configs)[i];
    if (!ic.is_object()) throw network_errors::invalid_request_format("Each IP configuration must be an object.");
    const std::string name = ic.value("name", "");
    if (!valid_network_name(name)) throw network_errors::invalid_resource_name(name);
    if (!names.insert(text::to_lower(name)).second) throw network_errors::duplicate_resource_name(nic_id, name);
    const std::string ipc_id = nic_id + "/ipConfigurations/" + name;
    const std::string path = "properties.ipConfigurations[" + std::to_string(i) + "].properties";
    nlohmann::json p = ic.value("properties", nlohmann::json::object());

    SubnetRef subnet = resolve_subnet(ctx.c, p.value("subnet", nlohmann::json()), ctx.location, ipc_id, path + ".subnet");
    auto& used = taken[subnet.key];
    const std::string method = method_of(p);
    std::string address;
    if (method == "Static") {
      address = p.value("privateIPAddress", "");
      auto a = net::parse_ipv4(address);
      if (address.empty()) throw network_errors::private_ip_required(ipc_id);
      if (!a || !subnet.prefix.contains(*a))
        throw network_errors::private_ip_not_in_subnet(ipc_id, address, subnet.id, subnet.prefix.str());
      if (net::is_reserved_in_subnet(subnet.prefix, *a)) throw network_errors::private_ip_reserved(address, subnet.prefix.str());
      if (used.count(address)) throw network_errors::private_ip_in_use(ipc_id, address, used[address]);
    } else {
      auto old = old_configs.find(text::to_lower(name));
      if (old != old_configs.end()) {
        const auto& op = old->second["properties"];
        const std::string kept = op.value("privateIPAddress", "");
        if (reference_key(op.value("subnet", nlohmann::json())) == subnet.key && !used.count(kept)) address = kept;
      }
      for (std::uint32_t a = subnet.prefix.first() + 4; address.empty() && a < subnet.prefix.last(); ++a)
        if (!used.count(net::format_ipv4(a))) address = net::format_ipv4(a);
      if (address.empty()) throw network_errors::subnet_full(subnet.id);
    }
    used[address] = ipc_id;  // later configurations of this NIC see it too

    auto pip = resolve_reference(ctx.c, p.value("publicIPAddress", nlohmann::json()), "Microsoft.Network/publicIPAddresses",
                                 ctx.location, ipc_id, path + ".publicIPAddress");
    if (pip) {
      auto user = pip_users.find(pip->id.key());
      if (user != pip_users.end()) throw network_errors::public_ip_in_use(ipc_id, pip->id.str(), user->second);
      pip_users[pip->id.key()] = ipc_id;
      p["publicIPAddress"] = {{"id", pip->id.str()}};
    } else {
      p.erase("publicIPAddress");
    }
    p["subnet"] = {{"id", subnet.id}};
    p["privateIPAllocationMethod"] = method;
    p["privateIPAddress"] = address;
    p["privateIPAddressVersion"] = "IPv4";
    p["primary"] = any_primary ? p.value("primary", false) == true : i == 0;
    p["provisioningState"] = "Succeeded";
    out_configs.push_back({{"name", name}, {"id", ipc_id}, {"etag", ctx.etag}, {"type", kIpConfigType}, {"properties", p}});
  }
  props["ipConfigurations"] = std::move(out_configs);

  auto nsg = resolve_reference(ctx.c, props.value("networkSecurityGroup", nlohmann::json()),
                               "Microsoft.Network/networkSecurityGroups", ctx.location, nic_id, "properties.networkSecurityGroup");
  if (nsg) props["networkSecurityGroup"] = {{"id", nsg->id.str()}};
  else props.erase("networkSecurityGroup");

  nlohmann::json dns = props.value("dnsSettings", nlohmann::json::object());
  if (!dns.is_object()) throw network_errors::invalid_request_format("'dnsSettings' must be an object.");
  if (!dns.contains("dnsServers") || dns["dnsServers"].is_null()) dns["dnsServers"] = nlohmann::json::array();
  dns["appliedDnsServers"] = dns["dnsServers"];
  const auto old_dns = old_props.value("dnsSettings", nlohmann::json::object());
  dns["internalDomainNameSuffix"] =
      old_dns.value("internalDomainNameSuffix", ids::random_hex(12).substr(0, 22) + ".dx.internal.cloudapp.net");
  props["dnsSettings"] = dns;
  props["macAddress"] = old_props.value("macAddress", new_mac());
  for (const char* flag : {"enableAcceleratedNetworking", "enableIPForwarding", "disableTcpStateTracking"})
    if (!props.contains(flag) || props[flag].is_null()) props[flag] = false;
  props["vnetEncryptionSupported"] = false;
  props["nicType"] = props.value("nicType", "Standard");
  props["hostedWorkloads"] = nlohmann::json::array();
  props["tapConfigurations"] = nlohmann::json::array();
  // Owned by the Compute provider (see the header): never taken from the request.
  props.erase("virtualMachine");
  props.erase("primary");
  if (old_props.contains("virtualMachine")) props["virtualMachine"] = old_props["virtualMachine"];
  if (old_props.contains("primary")) props["primary"] = old_props["primary"];
  return {{"properties", std::move(props)}};
}

void NetworkInterfaceService::check_delete(store::Connection&, const StoredResource& r) const {
  const auto& vm = r.body["properties"].value("virtualMachine", nlohmann::json());
  if (vm.is_object() && vm.contains("id")) throw network_errors::nic_in_use(r.id.str(), vm["id"].get<std::string>());
}

}  // namespace azemu::arm
