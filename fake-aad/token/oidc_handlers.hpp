// HTTP glue for the discovery routes (OpenID configurations, JWKS, instance discovery, user
// realm): read the tenant segment / query, call oidc_documents, reply. No logic of their own
// beyond choosing inputs.
#pragma once

#include "fake-aad/directory/directory_store.hpp"
#include "fake-aad/mount.hpp"

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"

namespace azemu::aad {

class OidcHandlers {
public:
  explicit OidcHandlers(const AadDeps& deps) : directory_(deps.db), key_(deps.signing_key), names_(deps.names) {}

  /// GET /{tenant}/v2.0/.well-known/openid-configuration
  http::Reply openid_configuration(http::Request& req);
  /// GET /{tenant}/.well-known/openid-configuration
  http::Reply openid_configuration_v1(http::Request& req);
  /// GET /adfs/.well-known/openid-configuration
  http::Reply openid_configuration_adfs(http::Request& req);
  /// GET /{tenant}/discovery/v2.0/keys, /{tenant}/discovery/keys, /adfs/discovery/keys
  http::Reply keys(http::Request& req);
  /// GET /common/discovery/instance?authorization_endpoint=...&api-version=1.0|1.1
  http::Reply instance_discovery(http::Request& req);
  /// GET /common/userrealm/{user}?api-version=1.0
  http::Reply user_realm(http::Request& req);

private:
  struct PathTenant {
    std::string path;    // for endpoint URLs
    std::string issuer;  // tenant id, or "{tenantid}"
  };
  PathTenant path_tenant(const http::Request& req) const;
  DirectoryStore directory_;
  const auth::SigningKey& key_;
  const cloud::HostNames& names_;
};

}  // namespace azemu::aad
