// Generic resource handlers; see generic_resource_handlers.hpp.
#include "fake-arm/resources/generic/generic_resource_handlers.hpp"

#include "fake-arm/core/request_helpers.hpp"
#include "fake-arm/errors.hpp"

namespace azemu::arm {

namespace {
http::Reply page_reply(const Paged<StoredResource>& page, const http::Request& req) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : page.items) items.push_back(generic_resource_json(r));
  return http::Reply::ok(page_json(std::move(items), page.next_skip, req));
}
}  // namespace

http::Reply GenericResourceHandlers::list(http::Request& req) {
  return page_reply(svc_.list(caller(req), req.param("subscriptionId"), "", list_query(req)), req);
}

http::Reply GenericResourceHandlers::list_by_group(http::Request& req) {
  return page_reply(
      svc_.list(caller(req), req.param("subscriptionId"), req.param("resourceGroupName"), list_query(req)), req);
}

ProviderPath GenericResourceHandlers::resolve(http::Request& req, const char* verb) const {
  return svc_.resolve(caller(req), req.param("subscriptionId"), req.param("resourceGroupName"),
                      req.param("namespace"), req.param("rest"), api_version(req), verb);
}

http::Reply GenericResourceHandlers::read(http::Request& req) {
  ProviderPath path = resolve(req, "read");
  if (path.is_collection()) return page_reply(svc_.list_collection(path, list_query(req)), req);
  return http::Reply::ok(svc_.get(path).body);
}

http::Reply GenericResourceHandlers::remove(http::Request& req) {
  ProviderPath path = resolve(req, "delete");
  if (path.is_collection()) throw errors::not_implemented("DELETE on a resource collection");
  return http::Reply::empty(svc_.remove(path) ? 200 : 204);
}

http::Reply GenericResourceHandlers::write(http::Request& req) {
  ProviderPath path = resolve(req, req.method == "POST" ? "action" : "write");
  throw errors::not_implemented(req.method + " of '" +
                                (path.resource ? path.resource->full_type() : path.collection_type) + "'");
}

}  // namespace azemu::arm
