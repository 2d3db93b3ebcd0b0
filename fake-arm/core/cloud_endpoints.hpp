// The endpoints of the cloud a request was addressed to, derived once from its host: proxy mode
// (management.azure.com → the public names) or cloud mode (management.<base>[:port] → login.<base>
// with the ADFS-style authority, same port). Used by /metadata/endpoints and the 401 challenge.
#pragma once

#include "emulator/cloud/hosts.hpp"
#include "emulator/http/request.hpp"

#include <string>
#include <vector>

namespace azemu::arm {

struct CloudEndpoints {
  std::string name;               // "AzureCloud" or "azemu"
  std::string resource_manager;   // "https://management.azure.com/"
  std::string login;              // loginEndpoint: "https://login.microsoftonline.com/" or ".../adfs"
  std::string authority_host;     // "https://login.microsoftonline.com" (no trailing slash)
  std::string graph;              // Microsoft Graph resource id, trailing slash
  std::string gallery;
  std::string portal;
  std::string keyvault_dns;       // "vault.azure.net" (no leading dot, port included in cloud mode)
  std::vector<std::string> audiences;
};

CloudEndpoints cloud_endpoints(const http::Request& req, const cloud::HostNames& names);

}  // namespace azemu::arm
