// First replies that turn final when their work ends within a moment; see operation_settle.hpp.
#include "fake-arm/core/operation_settle.hpp"

#include "emulator/http/arm_operation.hpp"
#include "emulator/http/settle.hpp"
#include "emulator/json/strings.hpp"
#include "emulator/log/log.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>

namespace azemu::arm {

namespace {
// The headers that make a client poll; a settled reply has none of them.
bool is_polling_header(const std::string& name) {
  for (const char* h : {"Azure-AsyncOperation", "Location", "Retry-After", "x-ms-retry-after-ms"})
    if (text::iequals(name, h)) return true;
  return false;
}

bool provisioning_succeeded(const nlohmann::json& body) {
  if (!body.is_object()) return false;
  auto p = body.find("properties");
  if (p == body.end() || !p->is_object()) return false;
  auto s = p->find("provisioningState");
  return s != p->end() && s->is_string() && text::iequals(s->get<std::string>(), "Succeeded");
}
}  // namespace

std::optional<http::Reply> settled_reply(const http::Reply& first, std::string_view method, const AsyncOperation& op) {
  if (op.status != OperationStatus::succeeded) return std::nullopt;
  http::Reply out;
  if (method == "PUT" || method == "PATCH") {
    if (first.status != 200 && first.status != 201) return std::nullopt;
    nlohmann::json body = op.result;
    if (!body.is_object()) body = nlohmann::json::parse(first.body, nullptr, false);
    if (!provisioning_succeeded(body)) return std::nullopt;
    out = http::Reply::json(first.status, body);
  } else if (method == "POST") {
    out = op.result.is_null() ? http::Reply::empty(200) : http::Reply::ok(op.result);
  } else {
    return std::nullopt;
  }
  for (const auto& h : first.headers)
    if (!is_polling_header(h.first)) out.headers.push_back(h);
  return out;
}

void OperationSettle::attach(http::Reply& reply, const http::Request& req) const {
  if (bound_.count() <= 0 || reply.status >= 300 || reply.settle) return;
  if (req.method != "PUT" && req.method != "PATCH" && req.method != "POST") return;
  std::string op_id = http::polled_operation_id(reply);
  if (op_id.empty()) return;
  auto settle = std::make_shared<http::Settle>();
  settle->bound = bound_;
  settle->subscribe = [events = &events_, op_id](std::function<void()> wake) { events->on_end(op_id, std::move(wake)); };
  // The closure outlives the handler's request: it keeps copies of what it needs.
  settle->finish = [this, method = req.method, sub = req.param("subscriptionId"), op_id](http::Reply first) {
    try {
      auto op = db_.read([&](store::Connection& c) { return ops_.get(c, sub, op_id); });
      if (op)
        if (auto done = settled_reply(first, method, *op)) return std::move(*done);
    } catch (const std::exception& e) {
      log::write(log::Level::warn, "settling an operation's first reply failed", {{"operation", op_id}, {"error", e.what()}});
    }
    return first;
  };
  reply.settle = std::move(settle);
}

}  // namespace azemu::arm
