// Cloud endpoint derivation; see cloud_endpoints.hpp.
#include "fake-arm/core/cloud_endpoints.hpp"

namespace azemu::arm {

CloudEndpoints cloud_endpoints(const http::Request& req, const cloud::HostNames& names) {
  CloudEndpoints e;
  if (req.host == cloud::kManagementHost || req.host == "management.core.windows.net") {
    // Proxy mode: clients keep the public cloud's names and azemu answers them all.
    e.name = "AzureCloud";
    e.resource_manager = "https://" + std::string(cloud::kManagementHost) + "/";
    e.authority_host = "https://" + std::string(cloud::kLoginHost);
    e.login = e.authority_host + "/";
    e.graph = "https://" + std::string(cloud::kGraphHost) + "/";
    e.gallery = "https://gallery.azure.com/";
    e.portal = "https://portal.azure.com/";
    e.keyvault_dns = std::string(cloud::kVaultSuffix.substr(1));
    e.audiences = {std::string(cloud::kArmAudience), std::string(cloud::kArmAudienceAlt)};
    return e;
  }
  // Cloud mode (management.<base>) and bare localhost: every service on this same port. Under
  // localhost ARM, Entra and Graph are reached by path, so they all share the request's authority.
  const bool local = req.host_info.kind == cloud::HostKind::local;
  const std::string& base = names.cloud_base();
  auto host = [&](const std::string& service) {
    return "https://" + (local ? req.authority : service + "." + base + req.port_suffix);
  };
  e.name = "azemu";
  e.resource_manager = host("management") + "/";
  e.authority_host = host("login");
  e.login = e.authority_host + "/adfs";  // ADFS-style authority keeps MSAL offline (az-wire §3.1)
  e.graph = host("graph") + "/";
  e.gallery = host("gallery") + "/";
  e.portal = host("portal") + "/";
  e.keyvault_dns = "vault." + base + req.port_suffix;
  e.audiences = {std::string(cloud::kArmAudience), "https://management." + base + "/"};
  return e;
}

}  // namespace azemu::arm
