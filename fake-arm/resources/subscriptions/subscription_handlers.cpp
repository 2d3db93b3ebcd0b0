// Tenants/subscriptions/locations handlers; see subscription_handlers.hpp.
#include "fake-arm/resources/subscriptions/subscription_handlers.hpp"

#include "fake-arm/core/request_helpers.hpp"

namespace azemu::arm {

http::Reply SubscriptionHandlers::list_tenants(http::Request& req) {
  nlohmann::json value = nlohmann::json::array();
  for (const auto& t : svc_.tenants(caller(req))) value.push_back(tenant_json(t));
  return http::Reply::ok({{"value", value}});
}

http::Reply SubscriptionHandlers::list(http::Request& req) {
  nlohmann::json value = nlohmann::json::array();
  for (const auto& s : svc_.list(caller(req))) value.push_back(to_json(s));
  // Observed: the list carries a "count" object next to "value".
  return http::Reply::ok({{"value", value}, {"count", {{"type", "Total"}, {"value", value.size()}}}});
}

http::Reply SubscriptionHandlers::get(http::Request& req) {
  return http::Reply::ok(to_json(svc_.get(caller(req), req.param("subscriptionId"))));
}

http::Reply SubscriptionHandlers::list_locations(http::Request& req) {
  const std::string& sub = req.param("subscriptionId");
  nlohmann::json value = nlohmann::json::array();
  for (const auto& l : svc_.locations(caller(req), sub)) value.push_back(location_json(sub, l));
  return http::Reply::ok({{"value", value}});
}

}  // namespace azemu::arm
