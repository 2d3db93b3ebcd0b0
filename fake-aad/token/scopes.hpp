// Turning what a token request asks for (v2 `scope`, v1 `resource`) into the one resource the
// access token is for, and deciding whether azemu knows that resource. Pure logic apart from the
// directory lookup for registered applications; no HTTP, no token building.
#pragma once

#include "fake-aad/directory/directory_store.hpp"

#include "emulator/cloud/hosts.hpp"

#include <string>
#include <string_view>

namespace azemu::aad {

struct RequestedResource {
  std::string resource;     // becomes `aud`: "https://management.core.windows.net/"
  std::string scope_echo;   // the requested scopes minus openid/profile/offline_access, space-joined
  bool dot_default = false; // the request used "<resource>/.default"
};

/// v2 scopes: split on spaces, drop the OIDC scopes, and map each remaining one to its resource:
///   "X/.default" -> X (so "https://management.core.windows.net//.default" keeps its trailing '/'),
///   "https://graph.microsoft.com/User.Read" -> "https://graph.microsoft.com",
///   "User.Read" (no resource) -> Microsoft Graph, as Entra does.
/// Only OIDC scopes (or none) also means Microsoft Graph.
/// Throws errors::more_than_one_resource (AADSTS28000) when scopes name different resources.
RequestedResource parse_scope(std::string_view scope);

/// v1 `resource=` parameter, taken as is.
RequestedResource from_resource(std::string_view resource);

/// ARM, Graph and Key Vault in both client modes (any port in cloud mode), their first-party app
/// ids, and any application in the directory (by appId or identifierUri).
bool resource_known(std::string_view resource, const cloud::HostNames& names, const DirectoryStore& directory);

}  // namespace azemu::aad
