// /applications handlers; see application_handlers.hpp.
#include "fake-aad/graph/applications/application_handlers.hpp"

#include "fake-aad/graph/odata/odata_query.hpp"

namespace azemu::aad {

namespace {
const odata::Resource kApplications{"Application", "applications",
                                    {"id", "appId", "displayName", "identifierUris", "signInAudience",
                                     "publisherDomain", "tags", "createdDateTime"}};

nlohmann::json wire(const ApplicationView& v) { return application_to_json(v.app, v.passwords, v.publisher_domain); }
}  // namespace

ApplicationHandlers::ApplicationHandlers(const AadDeps& deps)
    : directory_(deps.db), authz_(directory_), store_(deps.db), service_(store_, directory_, authz_, deps.clock) {}

http::Reply ApplicationHandlers::list(http::Request& req) {
  auto query = odata::parse_query(req, kApplications);
  std::vector<nlohmann::json> all;
  for (const auto& v : service_.list(*req.principal)) all.push_back(wire(v));
  return odata::list_reply(req, kApplications, query, all);
}

http::Reply ApplicationHandlers::create(http::Request& req) {
  auto v = service_.create(*req.principal, application_input_from_json(req.json_body()));
  return odata::entity_reply(req, 201, "applications/$entity", wire(v));
}

http::Reply ApplicationHandlers::get(http::Request& req) {
  auto v = service_.get(*req.principal, req.param("id"));
  return odata::entity_reply(req, 200, "applications/$entity", odata::project(wire(v), odata::parse_select(req)));
}

http::Reply ApplicationHandlers::update(http::Request& req) {
  service_.update(*req.principal, req.param("id"), application_input_from_json(req.json_body()));
  return http::Reply::empty(204);
}

http::Reply ApplicationHandlers::remove(http::Request& req) {
  service_.remove(*req.principal, req.param("id"));
  return http::Reply::empty(204);
}

http::Reply ApplicationHandlers::add_password(http::Request& req) {
  auto created = service_.add_password(*req.principal, req.param("id"), password_input_from_json(req.json_body()));
  return odata::entity_reply(req, 200, "microsoft.graph.passwordCredential",
                             password_credential_to_json(created.credential, created.secret_text));
}

http::Reply ApplicationHandlers::remove_password(http::Request& req) {
  service_.remove_password(*req.principal, req.param("id"), remove_password_key_from_json(req.json_body()));
  return http::Reply::empty(204);
}

}  // namespace azemu::aad
