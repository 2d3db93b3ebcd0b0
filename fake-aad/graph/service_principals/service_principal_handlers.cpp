// /servicePrincipals handlers; see service_principal_handlers.hpp.
#include "fake-aad/graph/service_principals/service_principal_handlers.hpp"

#include "fake-aad/graph/odata/odata_query.hpp"

namespace azemu::aad {

namespace {
const odata::Resource kServicePrincipals{"ServicePrincipal", "servicePrincipals",
                                         {"id", "appId", "displayName", "servicePrincipalNames", "accountEnabled",
                                          "servicePrincipalType", "appOwnerOrganizationId", "tags",
                                          "appDisplayName"}};
}  // namespace

ServicePrincipalHandlers::ServicePrincipalHandlers(const AadDeps& deps)
    : directory_(deps.db), authz_(directory_), store_(deps.db), service_(store_, authz_, deps.clock) {}

http::Reply ServicePrincipalHandlers::list(http::Request& req) {
  auto query = odata::parse_query(req, kServicePrincipals);
  std::vector<nlohmann::json> all;
  for (const auto& v : service_.list(*req.principal)) all.push_back(service_principal_to_json(v));
  return odata::list_reply(req, kServicePrincipals, query, all);
}

http::Reply ServicePrincipalHandlers::create(http::Request& req) {
  auto v = service_.create(*req.principal, service_principal_input_from_json(req.json_body()));
  return odata::entity_reply(req, 201, "servicePrincipals/$entity", service_principal_to_json(v));
}

http::Reply ServicePrincipalHandlers::get(http::Request& req) {
  auto v = service_.get(*req.principal, req.param("id"));
  return odata::entity_reply(req, 200, "servicePrincipals/$entity",
                             odata::project(service_principal_to_json(v), odata::parse_select(req)));
}

http::Reply ServicePrincipalHandlers::remove(http::Request& req) {
  service_.remove(*req.principal, req.param("id"));
  return http::Reply::empty(204);
}

}  // namespace azemu::aad
