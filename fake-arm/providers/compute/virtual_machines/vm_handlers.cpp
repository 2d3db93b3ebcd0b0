// VM handlers; see vm_handlers.hpp.
#include "fake-arm/providers/compute/virtual_machines/vm_handlers.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/core/async_operation_handlers.hpp"
#include "fake-arm/core/request_helpers.hpp"

namespace azemu::arm::compute {

namespace {
const std::string& sub_of(const http::Request& req) { return req.param("subscriptionId"); }
const std::string& group_of(const http::Request& req) { return req.param("resourceGroupName"); }
const std::string& vm_of(const http::Request& req) { return req.param("vmName"); }

bool query_is(const http::Request& req, const char* name, const char* value) {
  auto v = req.query_param(name);
  return v && text::iequals(*v, value);
}

http::Reply accepted(const http::Request& req, const Accepted& a, int status) {
  auto reply = a.body.is_null() ? http::Reply::empty(status) : http::Reply::json(status, a.body);
  return with_polling_headers(reply, req, a.op);
}

http::Reply list_reply(const std::vector<nlohmann::json>& items) {
  nlohmann::json value = nlohmann::json::array();
  for (const auto& i : items) value.push_back(i);
  return http::Reply::ok({{"value", std::move(value)}});
}
}  // namespace

http::Reply VmHandlers::create_or_update(http::Request& req) {
  auto a = svc_.create_or_update(caller(req), sub_of(req), group_of(req), vm_of(req), req.json_body(), Run::background);
  return accepted(req, a, a.created ? 201 : 200);
}

http::Reply VmHandlers::update(http::Request& req) {
  return accepted(req, svc_.update(caller(req), sub_of(req), group_of(req), vm_of(req), req.json_body(), Run::background), 200);
}

http::Reply VmHandlers::get(http::Request& req) {
  const bool view = query_is(req, "$expand", "instanceView");
  return http::Reply::ok(svc_.get(caller(req), sub_of(req), group_of(req), vm_of(req), view));
}

http::Reply VmHandlers::instance_view(http::Request& req) {
  return http::Reply::ok(svc_.instance_view(caller(req), sub_of(req), group_of(req), vm_of(req)));
}

http::Reply VmHandlers::remove(http::Request& req) {
  auto a = svc_.remove(caller(req), sub_of(req), group_of(req), vm_of(req), Run::background);
  if (!a) return http::Reply::empty(204);
  return accepted(req, *a, 202);
}

http::Reply VmHandlers::list_by_group(http::Request& req) {
  return list_reply(svc_.list(caller(req), sub_of(req), group_of(req), query_is(req, "statusOnly", "true")));
}

http::Reply VmHandlers::list(http::Request& req) {
  return list_reply(svc_.list(caller(req), sub_of(req), "", query_is(req, "statusOnly", "true")));
}

http::Reply VmHandlers::act(http::Request& req, VmAction action) {
  return accepted(req, svc_.act(caller(req), sub_of(req), group_of(req), vm_of(req), action, Run::background), 202);
}

http::Reply VmHandlers::start(http::Request& req) { return act(req, VmAction::start); }
// skipShutdown only changes how a guest is stopped; every runtime stops its guest cleanly and fast.
http::Reply VmHandlers::power_off(http::Request& req) { return act(req, VmAction::power_off); }
http::Reply VmHandlers::deallocate(http::Request& req) { return act(req, VmAction::deallocate); }
http::Reply VmHandlers::restart(http::Request& req) { return act(req, VmAction::restart); }
http::Reply VmHandlers::redeploy(http::Request& req) { return act(req, VmAction::redeploy); }
http::Reply VmHandlers::reapply(http::Request& req) { return act(req, VmAction::reapply); }

http::Reply VmHandlers::run_command(http::Request& req) {
  auto a = svc_.run_command(caller(req), sub_of(req), group_of(req), vm_of(req), req.json_body(), Run::background);
  return accepted(req, a, 202);
}

}  // namespace azemu::arm::compute
