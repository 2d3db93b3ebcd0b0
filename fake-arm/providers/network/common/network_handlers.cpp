// Network handlers; see network_handlers.hpp.
#include "fake-arm/providers/network/common/network_handlers.hpp"

#include "fake-arm/core/async_operation_handlers.hpp"
#include "fake-arm/core/request_helpers.hpp"
#include "fake-arm/errors.hpp"

namespace azemu::arm {

namespace {
http::Reply value_list(std::vector<nlohmann::json> items) {
  nlohmann::json value = nlohmann::json::array();
  for (auto& i : items) value.push_back(std::move(i));
  return http::Reply::ok({{"value", std::move(value)}});
}
}  // namespace

ResourceId NetworkHandlers::id_of(const http::Request& req, std::size_t depth) const {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < depth; ++i) names.push_back(req.param(name_params_[i]));
  return api_.make_id(req.param("subscriptionId"), req.param("resourceGroupName"), names);
}

http::Reply NetworkHandlers::create_or_update(http::Request& req) {
  auto w = api_.put(caller(req), id_of(req, name_params_.size()), req.json_body());
  auto reply = http::Reply::json(w.created ? 201 : 200, w.body);
  return with_polling_headers(reply, req, w.operation);
}

http::Reply NetworkHandlers::get(http::Request& req) { return http::Reply::ok(api_.get(caller(req), id_of(req, name_params_.size()))); }

http::Reply NetworkHandlers::remove(http::Request& req) {
  auto op = api_.remove(caller(req), id_of(req, name_params_.size()));
  if (!op) return http::Reply::empty(204);
  auto reply = http::Reply::empty(202);
  return with_polling_headers(reply, req, *op);
}

http::Reply NetworkHandlers::update_tags(http::Request& req) {
  auto body = req.json_body();
  if (!body.is_object()) throw errors::invalid_request_content("The request body must be a JSON object.");
  return http::Reply::ok(api_.update_tags(caller(req), id_of(req, name_params_.size()), body.value("tags", nlohmann::json())));
}

http::Reply NetworkHandlers::list_by_group(http::Request& req) {
  return value_list(api_.list(caller(req), ResourceId::resource_group(req.param("subscriptionId"), req.param("resourceGroupName"))));
}

http::Reply NetworkHandlers::list_by_subscription(http::Request& req) {
  return value_list(api_.list(caller(req), ResourceId::subscription(req.param("subscriptionId"))));
}

http::Reply NetworkHandlers::list_children(http::Request& req) {
  return value_list(api_.list(caller(req), id_of(req, name_params_.size() - 1)));
}

}  // namespace azemu::arm
