// Polling headers and routes; see async_operation_handlers.hpp.
#include "fake-arm/core/async_operation_handlers.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/core/request_helpers.hpp"
#include "fake-arm/errors.hpp"

#include <algorithm>

namespace azemu::arm {

namespace {
std::string with_api_version(std::string url, const http::Request& req) {
  auto v = api_version(req);
  if (!v.empty()) url += "?api-version=" + text::percent_encode(v);
  return url;
}

std::string provider_prefix(const http::Request& req, const AsyncOperation& op) {
  return req.base_url() + "/subscriptions/" + op.subscription_id + "/providers/" + op.provider_namespace +
         "/locations/" + op.location;
}
}  // namespace

std::string operation_status_url(const http::Request& req, const AsyncOperation& op) {
  return with_api_version(provider_prefix(req, op) + "/operations/" + op.id, req);
}

std::string operation_result_url(const http::Request& req, const AsyncOperation& op) {
  if (op.location.empty())
    return with_api_version(req.base_url() + "/subscriptions/" + op.subscription_id + "/operationresults/" + op.id, req);
  return with_api_version(provider_prefix(req, op) + "/operationResults/" + op.id, req);
}

http::Reply& with_polling_headers(http::Reply& reply, const http::Request& req, const AsyncOperation& op,
                                  bool with_async_header) {
  if (with_async_header && !op.location.empty()) reply.header("Azure-AsyncOperation", operation_status_url(req, op));
  reply.header("Location", operation_result_url(req, op));
  reply.header("Retry-After", "1");
  return reply;
}

http::Reply& with_poll_delay(http::Reply& reply, std::optional<std::chrono::milliseconds> remaining) {
  using std::chrono::milliseconds;
  auto drop = [&reply](const char* name) {
    std::erase_if(reply.headers, [name](const auto& h) { return text::iequals(h.first, name); });
  };
  drop("Retry-After");
  drop("x-ms-retry-after-ms");
  if (!remaining) return reply.header("Retry-After", "1");
  if (*remaining >= milliseconds(1000)) return reply.header("Retry-After", std::to_string(remaining->count() / 1000));
  const milliseconds wait = remaining->count() <= 0 ? milliseconds(250) : std::max(*remaining, milliseconds(100));
  return reply.header("x-ms-retry-after-ms", std::to_string(wait.count()));
}

AsyncOperation AsyncOperationHandlers::load(http::Request& req) const {
  Subscription s = subs_.require(caller(req), req.param("subscriptionId"));
  const std::string& id = req.param("operationId");
  auto op = db_.read([&](store::Connection& c) { return ops_.get(c, s.id, id); });
  if (!op) throw errors::operation_not_found(id);
  return faults_ ? faults_->observe_poll(*op) : *op;
}

std::optional<std::chrono::milliseconds> AsyncOperationHandlers::remaining(const AsyncOperation& op) const {
  return events_ ? events_->expected_remaining(op.id) : std::nullopt;
}

http::Reply AsyncOperationHandlers::status(http::Request& req) {
  AsyncOperation op = load(req);
  auto reply = http::Reply::ok(operation_status_json(op));
  if (!op.done()) with_poll_delay(reply, remaining(op));
  return reply;
}

http::Reply AsyncOperationHandlers::result(http::Request& req) {
  AsyncOperation op = load(req);
  switch (op.status) {
    case OperationStatus::in_progress: {
      auto reply = http::Reply::empty(202);
      return with_poll_delay(with_polling_headers(reply, req, op, false), remaining(op));
    }
    case OperationStatus::succeeded:
      return op.result.is_null() ? http::Reply::empty(op.location.empty() ? 200 : 204) : http::Reply::ok(op.result);
    case OperationStatus::failed:
    case OperationStatus::canceled: break;
  }
  throw errors::operation_failed(op.error_code, op.error_message);
}

}  // namespace azemu::arm
