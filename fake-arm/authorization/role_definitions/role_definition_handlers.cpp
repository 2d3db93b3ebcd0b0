// Role definition handlers; see role_definition_handlers.hpp.
#include "fake-arm/authorization/role_definitions/role_definition_handlers.hpp"

#include "fake-arm/core/request_helpers.hpp"

namespace azemu::arm {

namespace {
const std::string& id_of(const http::Request& req) { return req.param("roleDefinitionId"); }

RbacFilter filter_of(const http::Request& req) {
  auto f = req.query_param("$filter");
  return f ? parse_rbac_filter(*f) : RbacFilter{};
}
}  // namespace

http::Reply RoleDefinitionHandlers::list(http::Request& req) {
  RoleScope scope = role_scope_from_params(req);
  nlohmann::json value = nlohmann::json::array();
  for (const auto& d : svc_.list(caller(req), scope, filter_of(req))) value.push_back(to_json(d, scope.subscription_id()));
  return http::Reply::ok({{"value", value}});
}

http::Reply RoleDefinitionHandlers::get(http::Request& req) {
  RoleScope scope = role_scope_from_params(req);
  return http::Reply::ok(to_json(svc_.get(caller(req), scope, id_of(req)), scope.subscription_id()));
}

http::Reply RoleDefinitionHandlers::create_or_update(http::Request& req) {
  RoleScope scope = role_scope_from_params(req);
  auto in = role_definition_put_from_json(req.json_body());
  auto r = svc_.create_or_update(caller(req), scope, id_of(req), in);
  return http::Reply::json(r.created ? 201 : 200, to_json(r.definition, scope.subscription_id()));
}

http::Reply RoleDefinitionHandlers::remove(http::Request& req) {
  RoleScope scope = role_scope_from_params(req);
  auto d = svc_.remove(caller(req), scope, id_of(req));
  return d ? http::Reply::ok(to_json(*d, scope.subscription_id())) : http::Reply::empty(204);
}

}  // namespace azemu::arm
