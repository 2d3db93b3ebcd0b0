// Extension handlers; see extension_handlers.hpp.
#include "fake-arm/providers/compute/extensions/extension_handlers.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/core/async_operation_handlers.hpp"
#include "fake-arm/core/request_helpers.hpp"

namespace azemu::arm::compute {

namespace {
const std::string& sub_of(const http::Request& req) { return req.param("subscriptionId"); }
const std::string& group_of(const http::Request& req) { return req.param("resourceGroupName"); }
const std::string& vm_of(const http::Request& req) { return req.param("vmName"); }
const std::string& ext_of(const http::Request& req) { return req.param("vmExtensionName"); }
bool expand_view(const http::Request& req) {
  auto v = req.query_param("$expand");
  return v && text::iequals(*v, "instanceView");
}
}  // namespace

http::Reply ExtensionHandlers::put(http::Request& req, bool is_patch) {
  auto a = svc_.create_or_update(caller(req), sub_of(req), group_of(req), vm_of(req), ext_of(req), req.json_body(),
                                 is_patch, Run::background);
  auto reply = http::Reply::json(a.created ? 201 : 200, a.body);
  return with_polling_headers(reply, req, a.op);
}

http::Reply ExtensionHandlers::create_or_update(http::Request& req) { return put(req, false); }
http::Reply ExtensionHandlers::update(http::Request& req) { return put(req, true); }

http::Reply ExtensionHandlers::get(http::Request& req) {
  return http::Reply::ok(svc_.get(caller(req), sub_of(req), group_of(req), vm_of(req), ext_of(req), expand_view(req)));
}

http::Reply ExtensionHandlers::remove(http::Request& req) {
  auto a = svc_.remove(caller(req), sub_of(req), group_of(req), vm_of(req), ext_of(req), Run::background);
  if (!a) return http::Reply::empty(204);
  auto reply = http::Reply::empty(202);
  return with_polling_headers(reply, req, a->op);
}

http::Reply ExtensionHandlers::list(http::Request& req) {
  nlohmann::json value = nlohmann::json::array();
  for (auto& e : svc_.list(caller(req), sub_of(req), group_of(req), vm_of(req), expand_view(req))) value.push_back(std::move(e));
  return http::Reply::ok({{"value", std::move(value)}});
}

}  // namespace azemu::arm::compute
