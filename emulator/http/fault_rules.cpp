// Matching and counting fault rules; the wire form is in fault_rule_json.cpp. See fault_rules.hpp.
#include "emulator/http/fault_rules.hpp"

#include "emulator/json/glob.hpp"
#include "emulator/json/strings.hpp"
#include "emulator/log/log.hpp"

namespace azemu::http {

namespace {
ErrorKind kind_for(int status) {
  switch (status) {
    case 400: return ErrorKind::BadRequest;
    case 401: return ErrorKind::Unauthorized;
    case 403: return ErrorKind::Forbidden;
    case 404: return ErrorKind::NotFound;
    case 409: return ErrorKind::Conflict;
    case 412: return ErrorKind::PreconditionFailed;
    case 429: return ErrorKind::Throttled;
    default: return ErrorKind::Internal;
  }
}

// A rule's operation names an ARM operation when it has a '/', else a route's operation id.
bool operation_matches(const FaultRule& r, std::string_view route_operation, std::string_view arm_operation) {
  if (r.operation.empty()) return true;
  if (r.operation.find('/') != std::string::npos) return text::glob_match(r.operation, arm_operation);
  return text::iequals(r.operation, route_operation);
}

bool principal_matches(const FaultRule& r, const auth::Principal* p) {
  if (r.principal.empty()) return true;
  return p && (text::to_lower(p->object_id) == r.principal || text::to_lower(p->app_id) == r.principal);
}

const char* action_name(const FaultRule& r) {
  if (r.drop) return "drop";
  if (r.fail_lro) return "failLro";
  if (r.status) return "status";
  return "latency";
}
}  // namespace

std::int64_t FaultRules::now() const {
  if (clock_) return clock_->now_unix();
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

FaultRule FaultRules::add(FaultRule rule) {
  std::lock_guard lock(mutex_);
  rule.id = "f" + std::to_string(next_id_++);
  rule.hits = 0;
  rule.added_at = now();
  if (rule.fail_lro) rule.fail_lro->rule_id = rule.id;
  rules_.push_back(rule);
  return rule;
}

std::vector<FaultRule> FaultRules::list() const {
  std::lock_guard lock(mutex_);
  return rules_;
}

bool FaultRules::remove(const std::string& id) {
  std::lock_guard lock(mutex_);
  if (id.empty()) {
    rules_.clear();
    return true;
  }
  return std::erase_if(rules_, [&](const FaultRule& r) { return r.id == id; }) > 0;
}

std::uint64_t FaultRules::hits() const {
  std::lock_guard lock(mutex_);
  return total_hits_;
}

bool FaultRules::fires(FaultRule& r, std::int64_t t) {
  if (r.count && static_cast<std::int64_t>(r.hits) >= *r.count) return false;
  const std::int64_t start = r.added_at + r.after_seconds.value_or(0);
  if (t < start) return false;
  if (r.for_seconds && t >= start + *r.for_seconds) return false;
  if (r.probability < 1.0 && std::uniform_real_distribution<double>(0, 1)(random_) >= r.probability) return false;
  ++r.hits;
  ++total_hits_;
  return true;
}

std::optional<FaultHit> FaultRules::match(const Request& req, std::string_view service, std::string_view arm_operation) {
  std::lock_guard lock(mutex_);
  const std::int64_t t = now();
  for (auto& r : rules_) {
    if (!r.service.empty() && r.service != service) continue;
    if (!r.method.empty() && r.method != req.method) continue;
    if (!operation_matches(r, req.operation_id, arm_operation)) continue;
    if (!r.path.empty() && !text::glob_match(r.path, req.path)) continue;
    if (!principal_matches(r, req.principal ? &*req.principal : nullptr)) continue;
    if (!fires(r, t)) continue;
    log::write(log::Level::info, "fault injected",
               {{"rule", r.id}, {"action", action_name(r)}, {"status", r.status.value_or(0)}, {"method", req.method},
                {"path", req.path}, {"request_id", req.request_id}});
    FaultHit hit;
    hit.rule_id = r.id;
    hit.delay = std::chrono::milliseconds(r.latency_ms);
    hit.drop = r.drop;
    hit.fail_lro = r.fail_lro;
    if (r.status) {
      AzureError e(kind_for(*r.status), r.code, r.message);
      e.with_status(*r.status);
      if (r.retry_after) e.with_header("Retry-After", std::to_string(*r.retry_after));
      hit.error = std::move(e);
    }
    return hit;
  }
  return std::nullopt;
}

std::optional<ports::LroFailure> FaultRules::match_lro(std::string_view arm_operation, const auth::Principal& caller) {
  std::lock_guard lock(mutex_);
  const std::int64_t t = now();
  for (auto& r : rules_) {
    if (!r.fail_lro || r.operation.find('/') == std::string::npos) continue;
    if ((!r.service.empty() && r.service != "arm") || !r.method.empty() || !r.path.empty()) continue;
    if (!text::glob_match(r.operation, arm_operation) || !principal_matches(r, &caller)) continue;
    if (!fires(r, t)) continue;
    log::write(log::Level::info, "fault injected",
               {{"rule", r.id}, {"action", "failLro"}, {"operation", std::string(arm_operation)}, {"in", "deployment"}});
    return r.fail_lro;
  }
  return std::nullopt;
}

}  // namespace azemu::http
