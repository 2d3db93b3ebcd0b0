// Deployment handlers; see deployment_handlers.hpp.
#include "fake-arm/deployments/deployment_handlers.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"
#include "fake-arm/core/async_operation_handlers.hpp"
#include "fake-arm/core/request_helpers.hpp"
#include "fake-arm/errors.hpp"

#include <regex>

namespace azemu::arm {

namespace {
ResourceId deployment_id(const http::Request& req) {
  auto it = req.params.find("resourceGroupName");
  const std::string group = it == req.params.end() ? "" : it->second;
  return ResourceId::resource(req.param("subscriptionId"), group, "Microsoft.Resources", "deployments",
                              req.param("deploymentName"));
}

ResourceId scope_id(const http::Request& req) {
  auto it = req.params.find("resourceGroupName");
  return it == req.params.end() ? ResourceId::subscription(req.param("subscriptionId"))
                                : ResourceId::resource_group(req.param("subscriptionId"), it->second);
}

/// The client's correlation id (az sends x-ms-correlation-request-id), else a new one.
std::string correlation_id(const http::Request& req) {
  auto h = req.header("x-ms-correlation-request-id");
  return h.empty() ? ids::new_guid() : std::string(h);
}
}  // namespace

http::Reply DeploymentHandlers::create_or_update(http::Request& req) {
  auto in = deployment_input_from_text(req.body);
  auto r = svc_.create_or_update(caller(req), deployment_id(req), in, correlation_id(req));
  auto reply = http::Reply::json(r.created ? 201 : 200, to_json(r.deployment, svc_.now_ms()));
  return with_polling_headers(reply, req, r.operation);
}

http::Reply DeploymentHandlers::get(http::Request& req) {
  return http::Reply::ok(to_json(svc_.get(caller(req), deployment_id(req)), svc_.now_ms()));
}

http::Reply DeploymentHandlers::check_existence(http::Request& req) {
  return http::Reply::empty(svc_.exists(caller(req), deployment_id(req)) ? 204 : 404);
}

http::Reply DeploymentHandlers::remove(http::Request& req) {
  auto op = svc_.remove(caller(req), deployment_id(req));
  if (!op) return http::Reply::empty(204);
  auto reply = http::Reply::empty(202);
  return with_polling_headers(reply, req, *op, false);
}

http::Reply DeploymentHandlers::list(http::Request& req) {
  // Spec: Deployments_ListByResourceGroup $filter "provisioningState eq '{state}'" is the only filter.
  std::optional<DeploymentState> state;
  http::Request rest = req;
  if (auto f = req.query_param("$filter")) {
    static const std::regex re(R"(^\s*provisioningState\s+eq\s+'([A-Za-z]+)'\s*$)", std::regex::icase);
    std::smatch m;
    if (!std::regex_match(*f, m, re) || !(state = deployment_state_from(m[1].str()))) throw errors::invalid_filter(*f);
    std::erase_if(rest.query, [](const auto& kv) { return text::iequals(kv.first, "$filter"); });
  }
  auto page = svc_.list(caller(req), scope_id(req), state, list_query(rest));
  nlohmann::json items = nlohmann::json::array();
  const auto now = svc_.now_ms();
  for (const auto& d : page.items) items.push_back(to_json(d, now));
  return http::Reply::ok(page_json(std::move(items), page.next_skip, req));
}

http::Reply DeploymentHandlers::validate(http::Request& req) {
  auto in = deployment_input_from_text(req.body);
  return http::Reply::ok(svc_.validate(caller(req), deployment_id(req), in, correlation_id(req)));
}

http::Reply DeploymentHandlers::cancel(http::Request& req) {
  svc_.cancel(caller(req), deployment_id(req));
  return http::Reply::empty(204);
}

http::Reply DeploymentHandlers::export_template(http::Request& req) {
  return http::Reply::ok(svc_.export_template(caller(req), deployment_id(req)));
}

http::Reply DeploymentHandlers::list_operations(http::Request& req) {
  const ResourceId id = deployment_id(req);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& op : svc_.operations(caller(req), id)) items.push_back(to_json(op, id));
  return http::Reply::ok(nlohmann::json{{"value", std::move(items)}});
}

http::Reply DeploymentHandlers::get_operation(http::Request& req) {
  const ResourceId id = deployment_id(req);
  return http::Reply::ok(to_json(svc_.operation(caller(req), id, req.param("operationId")), id));
}

}  // namespace azemu::arm
