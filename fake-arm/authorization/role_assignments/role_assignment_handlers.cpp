// Role assignment handlers; see role_assignment_handlers.hpp.
#include "fake-arm/authorization/role_assignments/role_assignment_handlers.hpp"

#include "fake-arm/core/request_helpers.hpp"

namespace azemu::arm {

namespace {
const std::string& name_of(const http::Request& req) { return req.param("roleAssignmentName"); }
}  // namespace

http::Reply RoleAssignmentHandlers::list(http::Request& req) {
  auto f = req.query_param("$filter");
  nlohmann::json value = nlohmann::json::array();
  for (const auto& a : svc_.list(caller(req), role_scope_from_params(req), f ? parse_rbac_filter(*f) : RbacFilter{}))
    value.push_back(to_json(a));
  return http::Reply::ok({{"value", value}});
}

http::Reply RoleAssignmentHandlers::create(http::Request& req) {
  auto in = role_assignment_put_from_json(req.json_body());
  auto r = svc_.create(caller(req), role_scope_from_params(req), name_of(req), in);
  return http::Reply::json(r.created ? 201 : 200, to_json(r.assignment));
}

http::Reply RoleAssignmentHandlers::get(http::Request& req) {
  return http::Reply::ok(to_json(svc_.get(caller(req), role_scope_from_params(req), name_of(req))));
}

http::Reply RoleAssignmentHandlers::remove(http::Request& req) {
  auto a = svc_.remove(caller(req), role_scope_from_params(req), name_of(req));
  return a ? http::Reply::ok(to_json(*a)) : http::Reply::empty(204);
}

}  // namespace azemu::arm
