// The token endpoint's grant logic: client_credentials, password, refresh_token and device_code.
// Synchronous; takes typed requests from token_handlers and returns typed results that
// token_json maps to the v2 (numbers) or v1 (strings) wire shape. Every failure is an AzureError
// from fake-aad/errors.hpp.
#pragma once

#include "fake-aad/directory/directory_store.hpp"
#include "fake-aad/token/device_code_service.hpp"
#include "fake-aad/token/refresh_token_store.hpp"
#include "fake-aad/token/scopes.hpp"
#include "fake-aad/token/tenant_segment.hpp"

#include "emulator/auth/signing_key.hpp"
#include "emulator/cloud/hosts.hpp"
#include "emulator/exec/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace azemu::aad {

enum class TokenEndpoint { v2, v1, adfs };

/// Form fields of a token request; empty string = absent.
struct TokenRequest {
  TokenEndpoint endpoint = TokenEndpoint::v2;
  std::string grant_type;
  std::string client_id;
  std::string client_secret;
  std::string scope;
  std::string resource;  // v1 (and ADFS) alternative to scope
  std::string username;
  std::string password;
  std::string refresh_token;
  std::string device_code;
  bool client_info = false;  // MSAL sends client_info=1
};

struct TokenResult {
  std::string access_token;
  std::string resource;
  std::string scope;  // echo of the requested scopes (without openid/profile/offline_access)
  std::int64_t expires_in = 0;
  std::int64_t expires_on = 0;
  std::int64_t not_before = 0;
  bool user = false;
  std::optional<std::string> refresh_token;
  std::optional<std::string> id_token;
  std::optional<std::string> client_info;
};

/// Refresh tokens live 90 days from their last use (Entra's inactivity window), then AADSTS700082.
inline constexpr std::int64_t kRefreshTokenLifetime = 90 * 86'400;

class TokenService {
public:
  TokenService(DirectoryStore& directory, RefreshTokenStore& refresh_tokens, DeviceCodeService& devices,
               const exec::Clock& clock, const auth::SigningKey& key, const cloud::HostNames& names)
      : directory_(directory), refresh_tokens_(refresh_tokens), devices_(devices), clock_(clock), key_(key),
        names_(names) {}

  /// Runs the grant named by req.grant_type in `tenant`.
  /// Throws errors::missing_parameter (900144), unsupported_grant_type (70003), the client errors of
  /// clients.hpp, resource_not_found (500011), more_than_one_resource (28000), user errors
  /// (50034, 50126, 50057), refresh token errors (9002313, 70000, 700082) and device code errors.
  TokenResult issue(const TenantSegment& tenant, const TokenRequest& req);

private:
  TokenResult client_credentials(const TenantSegment& tenant, const TokenRequest& req);
  TokenResult password(const TenantSegment& tenant, const TokenRequest& req);
  TokenResult refresh(const TenantSegment& tenant, const TokenRequest& req);
  TokenResult device_code(const TenantSegment& tenant, const TokenRequest& req);

  /// The resource of the request (v1 prefers `resource`, v2 `scope`), checked against the known ones.
  RequestedResource requested_resource(const TenantSegment& tenant, const TokenRequest& req,
                                       const std::string& fallback_scope = "") const;
  /// Access + id token + a fresh refresh token for a signed-in user.
  TokenResult user_tokens(const User& user, const std::string& client_id, bool confidential,
                          const RequestedResource& resource, bool client_info,
                          const std::optional<std::string>& rotate_from);

  DirectoryStore& directory_;
  RefreshTokenStore& refresh_tokens_;
  DeviceCodeService& devices_;
  const exec::Clock& clock_;
  const auth::SigningKey& key_;
  const cloud::HostNames& names_;
};

}  // namespace azemu::aad
