// /me and /users handlers; see user_handlers.hpp.
#include "fake-aad/graph/users/user_handlers.hpp"

#include "fake-aad/graph/odata/odata_query.hpp"

namespace azemu::aad {

namespace {
// Graph indexes these user properties for $filter (Spec: graph v1.0 user resource, "Supports
// $filter (eq, ...)" notes), restricted to the ones in azemu's wire form.
const odata::Resource kUsers{"User", "users",
                             {"id", "userPrincipalName", "displayName", "mail", "givenName", "surname", "jobTitle",
                              "mobilePhone", "officeLocation", "preferredLanguage", "businessPhones"}};

http::Reply one(const http::Request& req, int status, const User& u) {
  return odata::entity_reply(req, status, "users/$entity", odata::project(user_to_json(u), odata::parse_select(req)));
}
}  // namespace

UserHandlers::UserHandlers(const AadDeps& deps)
    : directory_(deps.db), authz_(directory_), store_(deps.db), service_(store_, directory_, authz_, deps.clock) {}

http::Reply UserHandlers::me(http::Request& req) { return one(req, 200, service_.me(*req.principal)); }

http::Reply UserHandlers::list(http::Request& req) {
  auto query = odata::parse_query(req, kUsers);
  std::vector<nlohmann::json> all;
  for (const auto& u : service_.list(*req.principal)) all.push_back(user_to_json(u));
  return odata::list_reply(req, kUsers, query, all);
}

http::Reply UserHandlers::get(http::Request& req) { return one(req, 200, service_.get(*req.principal, req.param("id"))); }

http::Reply UserHandlers::create(http::Request& req) {
  return one(req, 201, service_.create(*req.principal, user_create_from_json(req.json_body())));
}

http::Reply UserHandlers::remove(http::Request& req) {
  service_.remove(*req.principal, req.param("id"));
  return http::Reply::empty(204);
}

}  // namespace azemu::aad
