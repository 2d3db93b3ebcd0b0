// Public IP address rules; see public_ip_address_service.hpp.
#include "fake-arm/providers/network/public_ip_addresses/public_ip_address_service.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/errors.hpp"
#include "fake-arm/providers/network/common/ip_prefix.hpp"
#include "fake-arm/providers/network/network_errors.hpp"

#include <cctype>
#include <set>

namespace azemu::arm {

namespace {
constexpr std::uint32_t kPoolBase = (203u << 24) | (0u << 16) | (113u << 8);  // 203.0.113.0/24

std::string string_or(const nlohmann::json& j, const char* key, const std::string& fallback) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return fallback;
  if (!it->is_string()) throw network_errors::invalid_request_format(std::string("'") + key + "' must be a string.");
  return it->get<std::string>();
}

std::string one_of(const std::string& given, std::initializer_list<const char*> allowed, const char* what) {
  for (const char* a : allowed)
    if (text::iequals(given, a)) return a;
  throw network_errors::invalid_request_format("Value '" + given + "' of '" + what + "' is not valid.");
}

/// ^[a-z][a-z0-9-]{1,61}[a-z0-9]$ (Azure's domain name label rule).
bool valid_label(const std::string& l) {
  if (l.size() < 3 || l.size() > 63 || !std::islower(static_cast<unsigned char>(l.front()))) return false;
  for (unsigned char c : l)
    if (!std::islower(c) && !std::isdigit(c) && c != '-') return false;
  return l.back() != '-';
}
}  // namespace

nlohmann::json PublicIpAddressService::prepare(PutContext& ctx) const {
  const std::string id = ctx.id.str();
  auto pit = ctx.body.find("properties");
  nlohmann::json props = pit != ctx.body.end() && pit->is_object() ? *pit : nlohmann::json::object();
  const nlohmann::json sku_in = ctx.body.contains("sku") && ctx.body["sku"].is_object() ? ctx.body["sku"] : nlohmann::json::object();
  const std::string sku = one_of(string_or(sku_in, "name", "Basic"), {"Basic", "Standard"}, "sku.name");
  const std::string tier = one_of(string_or(sku_in, "tier", "Regional"), {"Regional", "Global"}, "sku.tier");

  std::string method = string_or(props, "publicIPAllocationMethod", sku == "Standard" ? "Static" : "Dynamic");
  method = one_of(method, {"Static", "Dynamic"}, "publicIPAllocationMethod");
  if (sku == "Standard" && method == "Dynamic") throw network_errors::standard_sku_must_be_static(id);
  const std::string version = one_of(string_or(props, "publicIPAddressVersion", "IPv4"), {"IPv4", "IPv6"}, "publicIPAddressVersion");
  if (version == "IPv6") throw errors::not_implemented("IPv6 public IP addresses");
  if (!props.contains("idleTimeoutInMinutes") || props["idleTimeoutInMinutes"].is_null()) props["idleTimeoutInMinutes"] = 4;
  if (!props.contains("ipTags") || props["ipTags"].is_null()) props["ipTags"] = nlohmann::json::array();

  ResourceStore store;
  const auto others = store.list_by_type(ctx.c, ctx.id.subscription_id(), full_type());
  auto dns = props.find("dnsSettings");
  if (dns != props.end() && dns->is_object() && dns->contains("domainNameLabel") && !(*dns)["domainNameLabel"].is_null()) {
    const std::string label = string_or(*dns, "domainNameLabel", "");
    if (!valid_label(label)) throw network_errors::invalid_domain_name_label(label);
    const std::string fqdn = label + "." + ctx.location + ".cloudapp.azure.com";
    // Decision: DNS labels are checked within the subscription (Azure: the whole region).
    for (const auto& o : others)
      if (!(o.id == ctx.id) && o.body["properties"].value("dnsSettings", nlohmann::json::object()).value("fqdn", "") == fqdn)
        throw network_errors::dns_record_in_use(fqdn);
    (*dns)["fqdn"] = fqdn;
  } else {
    props.erase("dnsSettings");
  }

  std::string address = ctx.existing ? ctx.existing->body["properties"].value("ipAddress", "") : "";
  if (address.empty()) {
    std::set<std::string> used;
    for (const auto& o : others) used.insert(o.body["properties"].value("ipAddress", ""));
    for (std::uint32_t host = 1; host < 255 && address.empty(); ++host)
      if (!used.count(net::format_ipv4(kPoolBase + host))) address = net::format_ipv4(kPoolBase + host);
    if (address.empty()) throw network_errors::public_ip_count_limit(ctx.id.subscription_id());
  }
  props.erase("ipConfiguration");
  props["publicIPAllocationMethod"] = method;
  props["publicIPAddressVersion"] = version;
  props["ipAddress"] = address;  // always a string, as clients print it
  nlohmann::json out = {{"properties", std::move(props)}, {"sku", {{"name", sku}, {"tier", tier}}}};
  if (ctx.body.contains("zones") && ctx.body["zones"].is_array()) out["zones"] = ctx.body["zones"];
  return out;
}

void PublicIpAddressService::check_delete(store::Connection& c, const StoredResource& r) const {
  for (const auto& u : ip_config_uses(c, r.id.subscription_id()))
    if (u.public_ip_key == r.id.key()) throw network_errors::public_ip_cannot_be_deleted(r.id.str(), u.ipconfig_id);
}

nlohmann::json PublicIpAddressService::present(store::Connection& c, nlohmann::json stored) const {
  auto id = ResourceId::parse(stored["id"].get<std::string>());
  for (const auto& u : ip_config_uses(c, id->subscription_id()))
    if (u.public_ip_key == id->key()) stored["properties"]["ipConfiguration"] = {{"id", u.ipconfig_id}};
  return stored;
}

}  // namespace azemu::arm
