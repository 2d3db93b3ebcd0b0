// Resource group handlers; see resource_group_handlers.hpp.
#include "fake-arm/resources/resource_groups/resource_group_handlers.hpp"

#include "fake-arm/core/async_operation_handlers.hpp"
#include "fake-arm/core/request_helpers.hpp"

namespace azemu::arm {

namespace {
const std::string& sub_of(const http::Request& req) { return req.param("subscriptionId"); }
const std::string& group_of(const http::Request& req) { return req.param("resourceGroupName"); }
}  // namespace

http::Reply ResourceGroupHandlers::create_or_update(http::Request& req) {
  auto in = resource_group_put_from_json(req.json_body());
  auto r = svc_.create_or_update(caller(req), sub_of(req), group_of(req), in);
  return http::Reply::json(r.created ? 201 : 200, to_json(r.group));
}

http::Reply ResourceGroupHandlers::get(http::Request& req) {
  return http::Reply::ok(to_json(svc_.get(caller(req), sub_of(req), group_of(req))));
}

http::Reply ResourceGroupHandlers::check_existence(http::Request& req) {
  return http::Reply::empty(svc_.exists(caller(req), sub_of(req), group_of(req)) ? 204 : 404);
}

http::Reply ResourceGroupHandlers::update(http::Request& req) {
  auto in = resource_group_patch_from_json(req.json_body());
  return http::Reply::ok(to_json(svc_.update(caller(req), sub_of(req), group_of(req), in)));
}

http::Reply ResourceGroupHandlers::remove(http::Request& req) {
  auto op = svc_.remove(caller(req), sub_of(req), group_of(req));
  auto reply = http::Reply::empty(202);
  return with_polling_headers(reply, req, op, false);
}

http::Reply ResourceGroupHandlers::list(http::Request& req) {
  auto page = svc_.list(caller(req), sub_of(req), list_query(req));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& g : page.items) items.push_back(to_json(g));
  return http::Reply::ok(page_json(std::move(items), page.next_skip, req));
}

}  // namespace azemu::arm
