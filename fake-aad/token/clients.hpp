// Who is asking for a token: the client id of a token request resolved to a first-party public
// client (Azure CLI, Azure PowerShell, VS Code) or an application in the directory, and client
// secret verification. The one home of the first-party client list.
#pragma once

#include "fake-aad/directory/directory_store.hpp"
#include "fake-aad/token/tenant_segment.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace azemu::aad {

struct Client {
  std::string app_id;
  std::optional<Application> app;       // directory applications only
  std::optional<ServicePrincipal> sp;   // directory applications only
  bool confidential = false;            // authenticated with a secret (appidacr "1")
};

/// True for the Microsoft public clients azemu accepts without registration.
bool is_first_party_public_client(std::string_view client_id);

/// A client allowed in user flows (password, refresh_token, device code). When `client_secret` is
/// non-empty and the client is a directory app, the secret is verified too.
/// Throws errors::application_not_found (AADSTS700016), and the errors of verify_client_secret.
Client resolve_user_flow_client(const DirectoryStore& directory, std::string_view client_id,
                                std::string_view client_secret, const TenantSegment& tenant, std::int64_t now);

/// A confidential client (client_credentials): directory app with an enabled service principal in
/// an admitted tenant and a matching, current secret.
/// Throws errors::application_not_found (700016), missing_service_principal (7000229), application_disabled
/// (7000112), missing_client_secret (7000218), invalid_client_secret (7000215), client_secret_expired (7000222).
Client resolve_confidential_client(const DirectoryStore& directory, std::string_view client_id,
                                   std::string_view client_secret, const TenantSegment& tenant, std::int64_t now);

}  // namespace azemu::aad
