// Async operation lifecycle and its SQL (arm_operations); see async_operations.hpp.
#include "fake-arm/core/async_operations.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"

namespace azemu::arm {

const char* to_string(OperationStatus s) {
  switch (s) {
    case OperationStatus::in_progress: return "InProgress";
    case OperationStatus::succeeded: return "Succeeded";
    case OperationStatus::failed: return "Failed";
    case OperationStatus::canceled: return "Canceled";
  }
  return "InProgress";
}

std::optional<OperationStatus> operation_status_from(const std::string& s) {
  for (auto st : {OperationStatus::in_progress, OperationStatus::succeeded, OperationStatus::failed,
                  OperationStatus::canceled})
    if (text::iequals(s, to_string(st))) return st;
  return std::nullopt;
}

AsyncOperation AsyncOperations::start(store::Connection& c, const OperationStart& s) const {
  AsyncOperation op;
  op.id = ids::new_guid();
  op.subscription_id = text::to_lower(s.subscription_id);
  op.provider_namespace = s.provider_namespace;
  op.location = s.location;
  op.kind = s.kind;
  op.resource_id = s.resource_id;
  op.started_at = clock_.now_unix();
  c.run("INSERT INTO arm_operations (id, subscription_id, namespace, location, kind, status, resource_id, percent, "
        "started_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)",
        op.id, op.subscription_id, op.provider_namespace, op.location, op.kind,
        std::string(to_string(OperationStatus::in_progress)), op.resource_id, op.started_at);
  if (events_) c.after_commit([e = events_, id = op.id, kind = op.kind] { e->started(id, kind); });
  return op;
}

AsyncOperation AsyncOperations::record_succeeded(store::Connection& c, const OperationStart& s,
                                                 nlohmann::json result) const {
  AsyncOperation op = start(c, s);
  finish(c, op.id, OperationStatus::succeeded, result, "", "");
  op.status = OperationStatus::succeeded;
  op.result = std::move(result);
  op.percent = 100;
  op.ended_at = op.started_at;
  return op;
}

bool AsyncOperations::succeed(store::Connection& c, const std::string& id, nlohmann::json result) const {
  return finish(c, id, OperationStatus::succeeded, result, "", "");
}

bool AsyncOperations::fail(store::Connection& c, const std::string& id, const std::string& code,
                           const std::string& message, const nlohmann::json& details) const {
  return finish(c, id, OperationStatus::failed, nullptr, code, message, details);
}

bool AsyncOperations::cancel(store::Connection& c, const std::string& id) const {
  return finish(c, id, OperationStatus::canceled, nullptr, "Canceled", "The operation was canceled.");
}

bool AsyncOperations::force_fail(store::Connection& c, const std::string& id, const std::string& code,
                                 const std::string& message) const {
  const std::string error = nlohmann::json{{"code", code}, {"message", message}}.dump();
  const bool changed =
      c.run("UPDATE arm_operations SET status = ?, result = NULL, error = ?, percent = 0, ended_at = ? WHERE id = ?",
            std::string(to_string(OperationStatus::failed)), error, clock_.now_unix(), id) > 0;
  if (changed) report_end(c, id);
  return changed;
}

void AsyncOperations::report_end(store::Connection& c, const std::string& id) const {
  if (events_) c.after_commit([e = events_, id] { e->ended(id); });
}

void AsyncOperations::set_progress(store::Connection& c, const std::string& id, double percent) const {
  c.run("UPDATE arm_operations SET percent = ? WHERE id = ? AND status = 'InProgress'", percent, id);
}

bool AsyncOperations::finish(store::Connection& c, const std::string& id, OperationStatus to,
                             const nlohmann::json& result, const std::string& code, const std::string& message,
                             const nlohmann::json& details) const {
  std::optional<std::string> result_text, error_text;
  if (!result.is_null()) result_text = result.dump();
  if (!code.empty()) {
    nlohmann::json err = {{"code", code}, {"message", message}};
    if (!details.is_null()) err["details"] = details;
    error_text = err.dump();
  }
  // Only InProgress rows move: a terminal state is final.
  const bool changed = c.run("UPDATE arm_operations SET status = ?, result = ?, error = ?, percent = ?, ended_at = ? "
                             "WHERE id = ? AND status = 'InProgress'",
                             std::string(to_string(to)), result_text, error_text,
                             to == OperationStatus::succeeded ? 100.0 : 0.0, clock_.now_unix(), id) > 0;
  if (changed) report_end(c, id);
  return changed;
}

std::optional<AsyncOperation> AsyncOperations::get(store::Connection& c, const std::string& sub,
                                                   const std::string& id) const {
  auto s = c.query("SELECT id, subscription_id, namespace, location, kind, status, resource_id, result, error, "
                   "percent, started_at, ended_at FROM arm_operations WHERE id = ? AND subscription_id = ?",
                   text::to_lower(id), text::to_lower(sub));
  if (!s.step()) return std::nullopt;
  AsyncOperation op;
  op.id = s.text(0);
  op.subscription_id = s.text(1);
  op.provider_namespace = s.text(2);
  op.location = s.text(3);
  op.kind = s.text(4);
  op.status = operation_status_from(s.text(5)).value_or(OperationStatus::in_progress);
  op.resource_id = s.opt_text(6).value_or("");
  if (auto r = s.opt_text(7)) op.result = nlohmann::json::parse(*r);
  if (auto e = s.opt_text(8)) {
    auto err = nlohmann::json::parse(*e);
    op.error_code = err.value("code", "");
    op.error_message = err.value("message", "");
    if (err.contains("details")) op.error_details = err["details"];
  }
  op.percent = s.real(9);
  op.started_at = s.int64(10);
  if (!s.is_null(11)) op.ended_at = s.int64(11);
  return op;
}

nlohmann::json operation_status_json(const AsyncOperation& op) {
  // Spec: ARM RPC "Asynchronous operations" (Azure-AsyncOperation resource format).
  std::string id = "/subscriptions/" + op.subscription_id + "/providers/" + op.provider_namespace;
  if (!op.location.empty()) id += "/locations/" + op.location;
  id += "/operations/" + op.id;
  nlohmann::json j = {{"id", id},
                      {"name", op.id},
                      {"status", to_string(op.status)},
                      {"startTime", exec::iso8601(op.started_at)},
                      {"percentComplete", op.percent}};
  if (op.ended_at) j["endTime"] = exec::iso8601(*op.ended_at);
  if (op.status == OperationStatus::failed || op.status == OperationStatus::canceled) {
    j["error"] = {{"code", op.error_code}, {"message", op.error_message}};
    // az prints details[0].message of a failed deployment (azure-cli core/commands/arm.py).
    if (!op.error_details.is_null()) j["error"]["details"] = op.error_details;
  }
  return j;
}

}  // namespace azemu::arm
