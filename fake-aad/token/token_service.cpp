// Grant logic; see token_service.hpp. Check order per grant follows what Entra reports first:
// missing parameters, then the client, then the resource, then the user's credentials.
#include "fake-aad/token/token_service.hpp"

#include "fake-aad/errors.hpp"
#include "fake-aad/token/clients.hpp"
#include "fake-aad/token/token_claims.hpp"

#include "emulator/auth/jwt.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"

namespace azemu::aad {

namespace {
// Refresh tokens are opaque to clients; the prefix lets us tell "not one of ours" (AADSTS9002313)
// from "ours but unknown or already used" (AADSTS70000).
constexpr std::string_view kRefreshTokenPrefix = "azemu-rt.";

void require(const std::string& value, const char* name) {
  if (value.empty()) throw errors::missing_parameter(name);
}
}  // namespace

TokenResult TokenService::issue(const TenantSegment& tenant, const TokenRequest& req) {
  require(req.grant_type, "grant_type");
  if (req.grant_type == "client_credentials") return client_credentials(tenant, req);
  if (req.grant_type == "password") return password(tenant, req);
  if (req.grant_type == "refresh_token") return refresh(tenant, req);
  // v2 uses the RFC 8628 URN; v1 (ADAL) used the short name.
  if (req.grant_type == "urn:ietf:params:oauth:grant-type:device_code" || req.grant_type == "device_code")
    return device_code(tenant, req);
  throw errors::unsupported_grant_type(req.grant_type);
}

RequestedResource TokenService::requested_resource(const TenantSegment& tenant, const TokenRequest& req,
                                                   const std::string& fallback_scope) const {
  RequestedResource r;
  bool prefer_resource = req.endpoint == TokenEndpoint::v1;
  if (!req.resource.empty() && (prefer_resource || req.scope.empty())) r = from_resource(req.resource);
  else if (!req.scope.empty()) r = parse_scope(req.scope);
  else if (!fallback_scope.empty()) r = parse_scope(fallback_scope);
  else throw errors::missing_parameter(prefer_resource ? "resource" : "scope");
  if (!resource_known(r.resource, names_, directory_)) throw errors::resource_not_found(r.resource, tenant.label());
  return r;
}

TokenResult TokenService::client_credentials(const TenantSegment& tenant, const TokenRequest& req) {
  std::int64_t now = clock_.now_unix();
  Client client = resolve_confidential_client(directory_, req.client_id, req.client_secret, tenant, now);
  RequestedResource resource = requested_resource(tenant, req);
  if (!resource.dot_default) throw errors::client_credentials_scope_without_default(req.scope);

  TokenTimes t = token_times(now);
  TokenResult out;
  out.access_token = auth::sign_jwt(app_access_claims(*client.sp, resource.resource, t), key_);
  out.resource = resource.resource;
  out.scope = resource.scope_echo;
  out.expires_in = kAccessTokenLifetime;
  out.expires_on = t.exp;
  out.not_before = t.nbf;
  return out;
}

TokenResult TokenService::password(const TenantSegment& tenant, const TokenRequest& req) {
  std::int64_t now = clock_.now_unix();
  Client client = resolve_user_flow_client(directory_, req.client_id, req.client_secret, tenant, now);
  require(req.username, "username");
  require(req.password, "password");
  RequestedResource resource = requested_resource(tenant, req);

  auto user = directory_.find_user_by_upn(req.username);
  if (!user || !tenant.admits(user->tenant_id)) throw errors::user_not_found(req.username, tenant.label());
  if (!user->password || !verify_password(req.password, *user->password)) throw errors::invalid_password();
  if (!user->account_enabled) throw errors::user_disabled();
  return user_tokens(*user, client.app_id, client.confidential, resource, req.client_info, std::nullopt);
}

TokenResult TokenService::refresh(const TenantSegment& tenant, const TokenRequest& req) {
  std::int64_t now = clock_.now_unix();
  Client client = resolve_user_flow_client(directory_, req.client_id, req.client_secret, tenant, now);
  require(req.refresh_token, "refresh_token");
  if (!text::istarts_with(req.refresh_token, kRefreshTokenPrefix)) throw errors::malformed_grant();

  std::string hash = sha256_hex(req.refresh_token);
  auto rec = refresh_tokens_.find(hash);
  // Bound to the client and tenant it was issued for.
  if (!rec || !text::iequals(rec->client_id, client.app_id) || !tenant.admits(rec->tenant_id))
    throw errors::invalid_refresh_token();
  if (now >= rec->expires) throw errors::refresh_token_expired(exec::iso8601(rec->issued));
  RequestedResource resource = requested_resource(tenant, req);
  auto user = directory_.find_user(rec->user_object_id);
  if (!user) throw errors::invalid_refresh_token();
  if (!user->account_enabled) throw errors::user_disabled();
  return user_tokens(*user, client.app_id, client.confidential, resource, req.client_info, hash);
}

TokenResult TokenService::device_code(const TenantSegment& tenant, const TokenRequest& req) {
  std::int64_t now = clock_.now_unix();
  Client client = resolve_user_flow_client(directory_, req.client_id, req.client_secret, tenant, now);
  ApprovedDevice approved = devices_.redeem(tenant, req.device_code, client.app_id);
  RequestedResource resource = requested_resource(tenant, req, approved.scope);
  return user_tokens(approved.user, client.app_id, client.confidential, resource, req.client_info, std::nullopt);
}

TokenResult TokenService::user_tokens(const User& user, const std::string& client_id, bool confidential,
                                      const RequestedResource& resource, bool client_info,
                                      const std::optional<std::string>& rotate_from) {
  std::int64_t now = clock_.now_unix();
  TokenTimes t = token_times(now);
  TokenResult out;
  out.user = true;
  out.access_token = auth::sign_jwt(user_access_claims(user, client_id, confidential, resource.resource, t), key_);
  out.id_token = auth::sign_jwt(id_token_claims(user, client_id, t), key_);
  out.resource = resource.resource;
  out.scope = resource.scope_echo;
  out.expires_in = kAccessTokenLifetime;
  out.expires_on = t.exp;
  out.not_before = t.nbf;
  if (client_info) out.client_info = aad::client_info(user);

  std::string refresh_token = std::string(kRefreshTokenPrefix) + ids::random_hex(32);
  RefreshTokenRecord next{sha256_hex(refresh_token), user.tenant_id, user.object_id, text::to_lower(client_id), now,
                          now + kRefreshTokenLifetime};
  if (rotate_from) {
    if (!refresh_tokens_.rotate(*rotate_from, next)) throw errors::invalid_refresh_token();
  } else {
    refresh_tokens_.purge_expired(now);
    refresh_tokens_.insert(next);
  }
  out.refresh_token = std::move(refresh_token);
  return out;
}

}  // namespace azemu::aad
