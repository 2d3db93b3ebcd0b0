// See fault_rules.hpp.
#include "emulator/http/fault_rules.hpp"

#include "emulator/json/glob.hpp"
#include "emulator/json/strings.hpp"
#include "emulator/log/log.hpp"

#include <set>

namespace azemu::http {

namespace {
AzureError invalid(const std::string& why) { return AzureError(ErrorKind::BadRequest, "InvalidFaultRule", why); }

// Observed defaults: ARM throttling says TooManyRequests, busy services ServerBusy.
std::string default_code(int status) {
  switch (status) {
    case 429: return "TooManyRequests";
    case 503: return "ServerBusy";
    case 409: return "Conflict";
    case 500: return "InternalServerError";
    default: return "InjectedFault";
  }
}

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

std::string text_field(const nlohmann::json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return {};
  if (!it->is_string()) throw invalid(std::string("'") + name + "' must be a string");
  return it->get<std::string>();
}
}  // namespace

nlohmann::json to_json(const FaultRule& r) {
  nlohmann::json j = {{"id", r.id}, {"status", r.status}, {"code", r.code}, {"message", r.message},
                      {"probability", r.probability}, {"hits", r.hits}};
  const std::pair<const char*, const std::string*> optional_fields[] = {
      {"service", &r.service}, {"method", &r.method}, {"path", &r.path}, {"operation", &r.operation},
      {"principal", &r.principal}};
  for (const auto& [name, value] : optional_fields)
    if (!value->empty()) j[name] = *value;
  if (r.count) j["count"] = *r.count;
  if (r.retry_after) j["retryAfter"] = *r.retry_after;
  return j;
}

FaultRule fault_rule_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw invalid("a fault rule is a JSON object");
  static const std::set<std::string> known = {"service", "method", "path", "operation", "principal", "count",
                                              "probability", "status", "code", "message", "retryAfter"};
  for (const auto& [k, v] : j.items())
    if (!known.count(k)) throw invalid("unknown field '" + k + "'");
  FaultRule r;
  r.service = text::to_lower(text_field(j, "service"));
  if (!r.service.empty() && r.service != "arm" && r.service != "keyvault" && r.service != "graph" && r.service != "aad")
    throw invalid("'service' must be arm, keyvault, graph or aad");
  r.method = text_field(j, "method");
  for (auto& c : r.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  r.path = text_field(j, "path");
  r.operation = text_field(j, "operation");
  r.principal = text::to_lower(text_field(j, "principal"));
  if (auto it = j.find("count"); it != j.end()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() < 1) throw invalid("'count' must be an integer >= 1");
    r.count = it->get<std::int64_t>();
  }
  if (auto it = j.find("probability"); it != j.end()) {
    if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 1)
      throw invalid("'probability' must be a number from 0 to 1");
    r.probability = it->get<double>();
  }
  if (auto it = j.find("status"); it != j.end()) {
    if (!it->is_number_integer() || it->get<int>() < 400 || it->get<int>() > 599)
      throw invalid("'status' must be an HTTP error status (400-599)");
    r.status = it->get<int>();
  }
  if (auto it = j.find("retryAfter"); it != j.end()) {
    if (!it->is_number_integer() || it->get<int>() < 0) throw invalid("'retryAfter' must be an integer >= 0");
    r.retry_after = it->get<int>();
  }
  r.code = text_field(j, "code");
  if (r.code.empty()) r.code = default_code(r.status);
  r.message = text_field(j, "message");
  if (r.message.empty()) r.message = "Injected by an azemu fault rule.";
  return r;
}

FaultRule FaultRules::add(FaultRule rule) {
  std::lock_guard lock(mutex_);
  rule.id = "f" + std::to_string(next_id_++);
  rule.hits = 0;
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

std::optional<AzureError> FaultRules::match(const Request& req, std::string_view service) {
  std::lock_guard lock(mutex_);
  for (auto& r : rules_) {
    if (r.count && static_cast<std::int64_t>(r.hits) >= *r.count) continue;
    if (!r.service.empty() && r.service != service) continue;
    if (!r.method.empty() && r.method != req.method) continue;
    if (!r.operation.empty() && !text::iequals(r.operation, req.operation_id)) continue;
    if (!r.path.empty() && !text::glob_match(r.path, req.path)) continue;
    if (!r.principal.empty() &&
        (!req.principal || (text::to_lower(req.principal->object_id) != r.principal &&
                            text::to_lower(req.principal->app_id) != r.principal)))
      continue;
    if (r.probability < 1.0 && std::uniform_real_distribution<double>(0, 1)(random_) >= r.probability) continue;
    ++r.hits;
    ++total_hits_;
    log::write(log::Level::info, "fault injected",
               {{"rule", r.id}, {"status", r.status}, {"method", req.method}, {"path", req.path},
                {"request_id", req.request_id}});
    AzureError e(kind_for(r.status), r.code, r.message);
    e.with_status(r.status);
    if (r.retry_after) e.with_header("Retry-After", std::to_string(*r.retry_after));
    return e;
  }
  return std::nullopt;
}

}  // namespace azemu::http
