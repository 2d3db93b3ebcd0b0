// Wire form of a fault rule (see fault_rules.hpp): strict parsing that names the offending field, and
// the listing shape with hit counts. Nothing here matches requests.
#include "emulator/http/fault_rules.hpp"

#include "emulator/json/strings.hpp"

#include <cctype>
#include <set>

namespace azemu::http {

namespace {
AzureError invalid(const std::string& why) {
  AzureError e(ErrorKind::BadRequest, "InvalidFaultRule", why);
  return e;
}

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

std::string text_field(const nlohmann::json& j, const char* name, const std::string& where = "") {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return {};
  if (!it->is_string()) throw invalid("'" + where + name + "' must be a string");
  return it->get<std::string>();
}

std::optional<std::int64_t> int_field(const nlohmann::json& j, const char* name, std::int64_t min, std::int64_t max,
                                      const std::string& where = "") {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer() || it->get<std::int64_t>() < min || it->get<std::int64_t>() > max)
    throw invalid("'" + where + name + "' must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
  return it->get<std::int64_t>();
}

void refuse_unknown(const nlohmann::json& j, const std::set<std::string>& known, const std::string& where) {
  for (const auto& [k, v] : j.items())
    if (!known.count(k)) throw invalid("unknown field '" + where + k + "'");
}

ports::LroFailure lro_failure_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw invalid("'failLro' must be an object {code, message, afterPolls}");
  refuse_unknown(j, {"code", "message", "afterPolls"}, "failLro.");
  ports::LroFailure f;
  f.code = text_field(j, "code", "failLro.");
  if (f.code.empty()) throw invalid("'failLro.code' is required (the Azure error code the operation ends with)");
  f.message = text_field(j, "message", "failLro.");
  if (f.message.empty()) f.message = "Injected by an azemu fault rule.";
  f.after_polls = static_cast<int>(int_field(j, "afterPolls", 1, 10000, "failLro.").value_or(1));
  return f;
}
}  // namespace

nlohmann::json to_json(const FaultRule& r) {
  nlohmann::json j = {{"id", r.id}, {"probability", r.probability}, {"hits", r.hits}};
  const std::pair<const char*, const std::string*> optional_fields[] = {
      {"service", &r.service}, {"method", &r.method}, {"path", &r.path}, {"operation", &r.operation},
      {"principal", &r.principal}};
  for (const auto& [name, value] : optional_fields)
    if (!value->empty()) j[name] = *value;
  if (r.count) j["count"] = *r.count;
  if (r.after_seconds) j["afterSeconds"] = *r.after_seconds;
  if (r.for_seconds) j["forSeconds"] = *r.for_seconds;
  if (r.status) {
    j["status"] = *r.status;
    j["code"] = r.code;
    j["message"] = r.message;
  }
  if (r.retry_after) j["retryAfter"] = *r.retry_after;
  if (r.latency_ms) j["latencyMs"] = r.latency_ms;
  if (r.drop) j["drop"] = true;
  if (r.fail_lro)
    j["failLro"] = {{"code", r.fail_lro->code}, {"message", r.fail_lro->message}, {"afterPolls", r.fail_lro->after_polls}};
  return j;
}

FaultRule fault_rule_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw invalid("a fault rule is a JSON object");
  refuse_unknown(j, {"service", "method", "path", "operation", "principal", "count", "probability", "afterSeconds",
                     "forSeconds", "status", "code", "message", "retryAfter", "latencyMs", "drop", "failLro"},
                 "");
  FaultRule r;
  r.service = text::to_lower(text_field(j, "service"));
  if (!r.service.empty() && r.service != "arm" && r.service != "keyvault" && r.service != "graph" && r.service != "aad")
    throw invalid("'service' must be arm, keyvault, graph or aad");
  r.method = text_field(j, "method");
  for (auto& c : r.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  r.path = text_field(j, "path");
  r.operation = text_field(j, "operation");
  r.principal = text::to_lower(text_field(j, "principal"));
  r.count = int_field(j, "count", 1, INT64_MAX);
  if (auto it = j.find("probability"); it != j.end()) {
    if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 1)
      throw invalid("'probability' must be a number from 0 to 1");
    r.probability = it->get<double>();
  }
  constexpr std::int64_t kYear = 366LL * 86400;
  r.after_seconds = int_field(j, "afterSeconds", 0, 100 * kYear);
  r.for_seconds = int_field(j, "forSeconds", 1, 100 * kYear);
  if (auto s = int_field(j, "status", 400, 599)) r.status = static_cast<int>(*s);
  if (auto s = int_field(j, "retryAfter", 0, 86400)) r.retry_after = static_cast<int>(*s);
  r.latency_ms = int_field(j, "latencyMs", 1, 600'000).value_or(0);  // 10 min: past any client timeout
  if (auto it = j.find("drop"); it != j.end()) {
    if (!it->is_boolean()) throw invalid("'drop' must be true or false");
    r.drop = it->get<bool>();
  }
  if (auto it = j.find("failLro"); it != j.end()) r.fail_lro = lro_failure_from_json(*it);
  r.code = text_field(j, "code");
  r.message = text_field(j, "message");

  if (r.drop && (r.status || r.latency_ms || r.fail_lro || r.retry_after))
    throw invalid("'drop' closes the connection: it cannot be combined with status, retryAfter, latencyMs or failLro");
  if (r.fail_lro && (r.status || r.retry_after || !r.code.empty() || !r.message.empty()))
    throw invalid("'failLro' lets the request through: give its code and message inside failLro, not status/code/message/retryAfter");
  if (!r.status && !r.drop && !r.fail_lro && !r.latency_ms) r.status = 500;  // the original default action
  if (!r.status && (!r.code.empty() || !r.message.empty() || r.retry_after))
    throw invalid("'code', 'message' and 'retryAfter' describe an error answer: add 'status'");
  if (r.status) {
    if (r.code.empty()) r.code = default_code(*r.status);
    if (r.message.empty()) r.message = "Injected by an azemu fault rule.";
  }
  return r;
}

}  // namespace azemu::http
