// The Entra ID route tables. Login scope (login.microsoftonline.com in proxy mode, login.<base> in
// cloud mode, localhost by path): Dialect::aad, anonymous, ordered as a client meets them
// (discovery, keys, token, device code, local device-login page). Graph scope (graph.microsoft.com,
// graph.<base>[:port], localhost by path): Dialect::graph, Graph-audience bearer tokens, ordered
// as the Graph v1.0 reference lists the resources.
#include "fake-aad/mount.hpp"

#include "fake-aad/errors.hpp"
#include "fake-aad/graph/applications/application_handlers.hpp"
#include "fake-aad/graph/directory_objects/directory_object_handlers.hpp"
#include "fake-aad/graph/graph_auth_policy.hpp"
#include "fake-aad/graph/organization/organization_handlers.hpp"
#include "fake-aad/graph/service_principals/service_principal_handlers.hpp"
#include "fake-aad/graph/users/user_handlers.hpp"
#include "fake-aad/token/device_login_handlers.hpp"
#include "fake-aad/token/oidc_handlers.hpp"
#include "fake-aad/token/token_handlers.hpp"

#include "emulator/json/strings.hpp"

#include <memory>

namespace azemu::aad {

namespace {
// Handler objects are owned by the route table (Handler is a copyable std::function, hence
// shared ownership of the one instance per class).
template <class H>
http::Handler route_to(const std::shared_ptr<H>& h, http::Reply (H::*fn)(http::Request&)) {
  return [h, fn](http::Request& req) { return ((*h).*fn)(req); };
}

// Graph operations az really calls that azemu does not emulate: an explicit 501, never a 404.
http::Handler not_implemented(const char* operation) {
  return [operation](http::Request&) -> http::Reply { throw errors::graph_not_implemented(operation); };
}

void mount_graph(http::Router& router, AadDeps& deps) {
  auto users = std::make_shared<UserHandlers>(deps);
  auto apps = std::make_shared<ApplicationHandlers>(deps);
  auto sps = std::make_shared<ServicePrincipalHandlers>(deps);
  auto objects = std::make_shared<DirectoryObjectHandlers>(deps);
  auto org = std::make_shared<OrganizationHandlers>(deps);
  http::Scope scope{{cloud::HostKind::graph}, Dialect::graph, graph_auth_policy(deps.names)};

  router.scope(scope)
      // Applications (az ad app ..., az ad sp create-for-rbac: az-wire §4.4)
      .get("/v1.0/applications", "applications_ListApplication", route_to(apps, &ApplicationHandlers::list))
      .post("/v1.0/applications", "applications_CreateApplication", route_to(apps, &ApplicationHandlers::create))
      .get("/v1.0/applications/{id}", "applications_GetApplication", route_to(apps, &ApplicationHandlers::get))
      .patch("/v1.0/applications/{id}", "applications_UpdateApplication", route_to(apps, &ApplicationHandlers::update))
      .del("/v1.0/applications/{id}", "applications_DeleteApplication", route_to(apps, &ApplicationHandlers::remove))
      .post("/v1.0/applications/{id}/addPassword", "applications_addPassword",
            route_to(apps, &ApplicationHandlers::add_password))
      .post("/v1.0/applications/{id}/removePassword", "applications_removePassword",
            route_to(apps, &ApplicationHandlers::remove_password))
      .get("/v1.0/applications/{id}/owners", "applications_ListOwners", not_implemented("applications_ListOwners"))
      // Directory objects (az role assignment principal lookup)
      .post("/v1.0/directoryObjects/getByIds", "directoryObjects_getByIds",
            route_to(objects, &DirectoryObjectHandlers::get_by_ids))
      // Signed-in user (az ad signed-in-user show, az keyvault create: az-wire §4.3)
      .get("/v1.0/me", "me_GetUser", route_to(users, &UserHandlers::me))
      .get("/v1.0/me/ownedObjects", "me_ListOwnedObjects", not_implemented("me_ListOwnedObjects"))
      // Organization
      .get("/v1.0/organization", "organization_ListOrganization", route_to(org, &OrganizationHandlers::list))
      // Service principals (az ad sp ..., az keyvault set-policy --spn: az-wire §4.6)
      .get("/v1.0/servicePrincipals", "servicePrincipals_ListServicePrincipal", route_to(sps, &ServicePrincipalHandlers::list))
      .post("/v1.0/servicePrincipals", "servicePrincipals_CreateServicePrincipal",
            route_to(sps, &ServicePrincipalHandlers::create))
      .get("/v1.0/servicePrincipals/{id}", "servicePrincipals_GetServicePrincipal",
           route_to(sps, &ServicePrincipalHandlers::get))
      .patch("/v1.0/servicePrincipals/{id}", "servicePrincipals_UpdateServicePrincipal",
             not_implemented("servicePrincipals_UpdateServicePrincipal"))
      .del("/v1.0/servicePrincipals/{id}", "servicePrincipals_DeleteServicePrincipal",
           route_to(sps, &ServicePrincipalHandlers::remove))
      .post("/v1.0/servicePrincipals/{id}/addPassword", "servicePrincipals_addPassword",
            not_implemented("servicePrincipals_addPassword"))
      .post("/v1.0/servicePrincipals/{id}/removePassword", "servicePrincipals_removePassword",
            not_implemented("servicePrincipals_removePassword"))
      // Users (az ad user ...)
      .get("/v1.0/users", "users_ListUser", route_to(users, &UserHandlers::list))
      .post("/v1.0/users", "users_CreateUser", route_to(users, &UserHandlers::create))
      .get("/v1.0/users/{id}", "users_GetUser", route_to(users, &UserHandlers::get))
      .patch("/v1.0/users/{id}", "users_UpdateUser", not_implemented("users_UpdateUser"))
      .del("/v1.0/users/{id}", "users_DeleteUser", route_to(users, &UserHandlers::remove));

  // Observed: Graph answers an unknown segment with 400 "Resource not found for the segment".
  router.set_not_found(cloud::HostKind::graph, scope, [](http::Request& req) -> http::Reply {
    auto parts = text::split(req.path, '/');
    std::string segment;
    for (std::size_t i = 0, seen = 0; i < parts.size(); ++i)
      if (!parts[i].empty() && ++seen == 2) segment = parts[i];
    throw errors::graph_segment_not_found(segment.empty() ? req.path : segment);
  });
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

  mount_graph(router, deps);
}

}  // namespace azemu::aad
