// The Entra ID route table (login hosts: login.microsoftonline.com in proxy mode, login.<base> in
// cloud mode, and localhost by path). One scope, Dialect::aad, anonymous: these routes hand out
// tokens, they never require one. Ordered as a client meets them: discovery, keys, token, device
// code, then the local device-login page.
#include "fake-aad/mount.hpp"

#include "fake-aad/errors.hpp"
#include "fake-aad/token/device_login_handlers.hpp"
#include "fake-aad/token/oidc_handlers.hpp"
#include "fake-aad/token/token_handlers.hpp"

#include <memory>

namespace azemu::aad {

namespace {
// Handler objects are owned by the route table (Handler is a copyable std::function, hence
// shared ownership of the one instance per class).
template <class H>
http::Handler route_to(const std::shared_ptr<H>& h, http::Reply (H::*fn)(http::Request&)) {
  return [h, fn](http::Request& req) { return ((*h).*fn)(req); };
}
}  // namespace

void mount(http::Router& router, AadDeps& deps) {
  auto oidc = std::make_shared<OidcHandlers>(deps);
  auto token = std::make_shared<TokenHandlers>(deps);
  auto login_page = std::make_shared<DeviceLoginHandlers>(deps);
  http::Scope scope{{cloud::HostKind::login}, Dialect::aad, nullptr};

  router.scope(scope)
      // MSAL instance discovery and user realm (az-wire §3.2, §3.4)
      .get("/common/discovery/instance", "InstanceDiscovery", route_to(oidc, &OidcHandlers::instance_discovery))
      .get("/common/userrealm/{user}", "UserRealm", route_to(oidc, &OidcHandlers::user_realm))
      // OpenID configuration (az-wire §3.3)
      .get("/{tenant}/v2.0/.well-known/openid-configuration", "OpenIdConfiguration_V2",
           route_to(oidc, &OidcHandlers::openid_configuration))
      .get("/{tenant}/.well-known/openid-configuration", "OpenIdConfiguration_V1",
           route_to(oidc, &OidcHandlers::openid_configuration_v1))
      .get("/adfs/.well-known/openid-configuration", "OpenIdConfiguration_Adfs",
           route_to(oidc, &OidcHandlers::openid_configuration_adfs))
      // Signing keys (/common/discovery/keys is the {tenant} route with tenant "common")
      .get("/{tenant}/discovery/v2.0/keys", "Keys_V2", route_to(oidc, &OidcHandlers::keys))
      .get("/{tenant}/discovery/keys", "Keys_V1", route_to(oidc, &OidcHandlers::keys))
      .get("/adfs/discovery/keys", "Keys_Adfs", route_to(oidc, &OidcHandlers::keys))
      // Token endpoints (az-wire §3.4)
      .post("/{tenant}/oauth2/v2.0/token", "Token_V2", route_to(token, &TokenHandlers::token))
      .post("/{tenant}/oauth2/token", "Token_V1", route_to(token, &TokenHandlers::token_v1))
      .post("/adfs/oauth2/token", "Token_Adfs", route_to(token, &TokenHandlers::token))
      // Device authorization
      .post("/{tenant}/oauth2/v2.0/devicecode", "DeviceCode_V2", route_to(token, &TokenHandlers::device_code))
      .post("/{tenant}/oauth2/devicecode", "DeviceCode_V1", route_to(token, &TokenHandlers::device_code_v1))
      .post("/adfs/oauth2/devicecode", "DeviceCode_Adfs", route_to(token, &TokenHandlers::device_code))
      // Interactive sign-in is not emulated: an explicit 501 rather than a silent 404
      .get("/{tenant}/oauth2/v2.0/authorize", "Authorize_V2", route_to(token, &TokenHandlers::authorize))
      .get("/{tenant}/oauth2/authorize", "Authorize_V1", route_to(token, &TokenHandlers::authorize))
      // Local device-login page (azemu only)
      .get("/devicelogin", "DeviceLogin", route_to(login_page, &DeviceLoginHandlers::page))
      .post("/devicelogin", "DeviceLogin_Submit", route_to(login_page, &DeviceLoginHandlers::submit));

  router.set_not_found(cloud::HostKind::login, scope,
                       [](http::Request& req) -> http::Reply { throw errors::endpoint_not_found(req.path); });
}

}  // namespace azemu::aad
