// Provider handlers; see provider_handlers.hpp.
#include "fake-arm/resources/providers/provider_handlers.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/core/request_helpers.hpp"

namespace azemu::arm {

namespace {
const std::string& sub_of(const http::Request& req) { return req.param("subscriptionId"); }
}  // namespace

http::Reply ProviderHandlers::list(http::Request& req) {
  nlohmann::json value = nlohmann::json::array();
  for (const auto& p : svc_.list(caller(req), sub_of(req))) value.push_back(to_json(p, text::to_lower(sub_of(req))));
  return http::Reply::ok({{"value", value}});
}

http::Reply ProviderHandlers::get(http::Request& req) {
  return http::Reply::ok(to_json(svc_.get(caller(req), sub_of(req), req.param("namespace")), text::to_lower(sub_of(req))));
}

http::Reply ProviderHandlers::register_provider(http::Request& req) {
  auto p = svc_.register_provider(caller(req), sub_of(req), req.param("namespace"));
  return http::Reply::ok(to_json(p, text::to_lower(sub_of(req))));
}

http::Reply ProviderHandlers::unregister_provider(http::Request& req) {
  auto p = svc_.unregister_provider(caller(req), sub_of(req), req.param("namespace"));
  return http::Reply::ok(to_json(p, text::to_lower(sub_of(req))));
}

http::Reply ProviderHandlers::list_at_tenant(http::Request& req) {
  nlohmann::json value = nlohmann::json::array();
  for (const auto& p : svc_.list_tenant()) value.push_back(to_json(p, ""));
  return http::Reply::ok({{"value", value}});
}

http::Reply ProviderHandlers::get_at_tenant(http::Request& req) {
  return http::Reply::ok(to_json(svc_.get_tenant(req.param("namespace")), ""));
}

}  // namespace azemu::arm
