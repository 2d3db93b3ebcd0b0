// Tags handlers; see tags_handlers.hpp.
#include "fake-arm/resources/tags/tags_handlers.hpp"

#include "fake-arm/core/request_helpers.hpp"

namespace azemu::arm {

namespace {
/// The request path without its last four segments ("/providers/Microsoft.Resources/tags/default").
std::string scope_of(const http::Request& req) {
  std::string scope = req.path;
  for (int i = 0; i < 4; ++i) scope.erase(scope.rfind('/'));
  return scope;
}
}  // namespace

http::Reply TagsHandlers::get(http::Request& req) {
  return http::Reply::ok(svc_.get(caller(req), scope_of(req), api_version(req)));
}

http::Reply TagsHandlers::create_or_update(http::Request& req) {
  return http::Reply::ok(svc_.put(caller(req), scope_of(req), api_version(req), tags_from_put_body(req.json_body())));
}

http::Reply TagsHandlers::update(http::Request& req) {
  return http::Reply::ok(svc_.patch(caller(req), scope_of(req), api_version(req), tags_patch_from_json(req.json_body())));
}

http::Reply TagsHandlers::remove(http::Request& req) {
  svc_.remove(caller(req), scope_of(req), api_version(req));
  return http::Reply::empty(200);
}

}  // namespace azemu::arm
