// The discovery documents MSAL reads before it asks for a token: v2 / v1 / ADFS OpenID
// configurations, the JWKS, instance discovery metadata and user realm. Every URL is built from
// the base URL the client used, so the same code answers proxy mode (login.microsoftonline.com)
// and cloud mode (login.<base>:<port>). Pure functions; handlers pick the inputs.
#pragma once

#include "emulator/auth/signing_key.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace azemu::aad {

struct DiscoveryContext {
  std::string base_url;     // "https://login.azemu.localhost:8443"
  std::string graph_host;   // "graph.microsoft.com" or "graph.azemu.localhost:8443"
};

/// `path_tenant`: what endpoint URLs carry (a tenant id, or "organizations"/"common");
/// `issuer_tenant`: the tenant id, or the literal "{tenantid}" for organizations/common (as Entra).
nlohmann::json openid_configuration_v2(const DiscoveryContext& ctx, const std::string& path_tenant,
                                       const std::string& issuer_tenant);
nlohmann::json openid_configuration_v1(const DiscoveryContext& ctx, const std::string& path_tenant,
                                       const std::string& issuer_tenant);
nlohmann::json openid_configuration_adfs(const DiscoveryContext& ctx);

/// {"keys": [the signing key as JWK, with x5t]}
nlohmann::json jwks(const auth::SigningKey& key);

/// MSAL's instance discovery answer for `authorization_endpoint`
/// ("https://<host>/<tenant>/oauth2/v2.0/authorize"); `cloud_login_host` is login.<base>.
nlohmann::json instance_discovery(std::string_view authorization_endpoint, const std::string& cloud_login_host);

/// User realm for `user`: "Managed" when `known`, else "Unknown" (never "Federated", which would
/// send MSAL into WS-Trust).
nlohmann::json user_realm(std::string_view user, bool known);

}  // namespace azemu::aad
