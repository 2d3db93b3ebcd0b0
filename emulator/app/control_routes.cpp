// See control_routes.hpp.
#include "emulator/app/control_routes.hpp"

#include <nlohmann/json.hpp>

#include <ctime>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace azemu::app {

namespace {
// A century: far past any soft-delete or expiry date, and far from int64 overflow in the clock.
constexpr std::int64_t kMaxJumpSeconds = 100LL * 366 * 86400;

AzureError bad(const std::string& message) { return AzureError(ErrorKind::BadRequest, "InvalidRequestContent", message); }

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Parses "2027-03-08T12:00:00Z" (UTC, optional fraction ignored) to Unix seconds.
std::int64_t parse_iso_utc(const std::string& s) {
  std::tm tm{};
  std::istringstream in(s);
  in >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%S");
  if (in.fail()) throw bad("'set' must be an ISO 8601 UTC time such as 2027-03-08T12:00:00Z");
  return static_cast<std::int64_t>(timegm(&tm));
}
}  // namespace

std::int64_t parse_duration_seconds(const std::string& text) {
  if (text.empty()) throw std::invalid_argument("empty duration");
  std::size_t used = 0;
  long long n = std::stoll(text, &used);
  if (n < 0) throw std::invalid_argument("a duration cannot be negative");
  if (n > kMaxJumpSeconds) throw std::invalid_argument("a duration is limited to 100 years");
  std::string unit = text.substr(used);
  if (unit.empty() || unit == "s") return n;
  if (unit == "m") return n * 60;
  if (unit == "h") return n * 3600;
  if (unit == "d") return n * 86400;
  throw std::invalid_argument("unknown duration unit '" + unit + "' (use s, m, h or d)");
}

void mount_control_routes(http::Router& router, ControlDeps& d) {
  auto local = router.scope({{cloud::HostKind::local}, Dialect::arm, nullptr});
  local.get("/_azemu/ca.pem", "AzemuCaCertificate", [&d](http::Request&) {
    return http::Reply::text(200, read_text(d.ca_pem_path), "application/x-pem-file");
  });
  local.get("/_azemu/health", "AzemuHealth", [&d](http::Request&) {
    nlohmann::json j = {{"status", "ready"}, {"now", d.clock.now_iso()}};
    if (d.readiness) j.update(d.readiness());
    return http::Reply::ok(j);
  });
  local.get("/_azemu/metrics", "AzemuMetrics", [&d](http::Request&) {
    std::string out = d.metrics.prometheus();
    out += "# HELP azemu_keyvault_operations_total Audited Key Vault calls by operation and result.\n"
           "# TYPE azemu_keyvault_operations_total counter\n";
    for (const auto& [key, n] : d.audit.counts())
      out += "azemu_keyvault_operations_total{operation=\"" + http::prometheus_label(key.first) + "\",result=\"" +
             http::prometheus_label(key.second) + "\"} " + std::to_string(n) + "\n";
    out += "# HELP azemu_faults_injected_total Requests answered by a fault rule.\n"
           "# TYPE azemu_faults_injected_total counter\n"
           "azemu_faults_injected_total " + std::to_string(d.faults.hits()) + "\n";
    if (d.service_gauges) out += d.service_gauges();
    return http::Reply::text(200, std::move(out), "text/plain; version=0.0.4");
  });
  local.get("/_azemu/time", "AzemuGetTime", [&d](http::Request&) { return http::Reply::ok({{"now", d.clock.now_iso()}}); });
  local.post("/_azemu/time", "AzemuSetTime", [&d](http::Request& req) {
    auto body = req.json_body();
    if (!body.is_object()) throw bad("the body must be {\"advanceSeconds\": N} or {\"set\": \"<iso time>\"}");
    std::int64_t seconds = 0;
    if (auto it = body.find("set"); it != body.end()) {
      if (!it->is_string()) throw bad("'set' must be a string");
      seconds = parse_iso_utc(it->get<std::string>()) - d.clock.now_unix();
      if (seconds < 0) throw bad("time only moves forward: 'set' is before azemu's now (" + d.clock.now_iso() + ")");
    } else {
      auto it2 = body.find("advanceSeconds");
      if (it2 == body.end() || !it2->is_number_integer()) throw bad("'advanceSeconds' must be an integer");
      seconds = it2->get<std::int64_t>();
      if (seconds < 0) throw bad("advanceSeconds must be >= 0");
    }
    if (seconds > kMaxJumpSeconds) throw bad("a time jump is limited to 100 years");
    d.clock.advance(std::chrono::seconds(seconds));
    return http::Reply::ok({{"now", d.clock.now_iso()}});
  });
  local.post("/_azemu/reset", "AzemuReset", [&d](http::Request& req) {
    auto body = req.json_body();
    bool keep = false;
    if (body.is_object() && body.contains("keepIdentities")) {
      if (!body["keepIdentities"].is_boolean()) throw bad("'keepIdentities' must be true or false");
      keep = body["keepIdentities"].get<bool>();
    } else if (!body.is_object()) {
      throw bad("the body must be an object: {\"keepIdentities\": true|false}");
    }
    return http::Reply::ok(d.reset(keep));
  });
  local.post("/_azemu/seed", "AzemuApplySeed", [&d](http::Request& req) { return http::Reply::ok(d.seed(req.body)); });
  local.get("/_azemu/snapshots", "AzemuListSnapshots", [&d](http::Request&) { return http::Reply::ok(d.snapshots.list()); });
  local.post("/_azemu/snapshots", "AzemuSaveSnapshot", [&d](http::Request& req) {
    auto body = req.json_body();
    if (!body.is_object() || !body.contains("name") || !body["name"].is_string()) throw bad("the body must be {\"name\": \"<snapshot name>\"}");
    for (const auto& [key, value] : body.items())
      if (key != "name") throw bad("unknown field '" + key + "' (the body is {\"name\": \"<snapshot name>\"})");
    return http::Reply::json(201, d.snapshots.save(body["name"].get<std::string>()));
  });
  local.post("/_azemu/snapshots/{name}/restore", "AzemuRestoreSnapshot", [&d](http::Request& req) {
    return http::Reply::ok(d.snapshots.restore(req.param("name")));
  });
  local.del("/_azemu/snapshots/{name}", "AzemuDeleteSnapshot", [&d](http::Request& req) {
    d.snapshots.remove(req.param("name"));
    return http::Reply::empty(204);
  });
  local.get("/_azemu/faults", "AzemuListFaults", [&d](http::Request&) {
    nlohmann::json value = nlohmann::json::array();
    for (const auto& r : d.faults.list()) value.push_back(http::to_json(r));
    return http::Reply::ok({{"value", value}});
  });
  local.post("/_azemu/faults", "AzemuAddFault", [&d](http::Request& req) {
    auto rule = d.faults.add(http::fault_rule_from_json(req.json_body()));
    return http::Reply::json(201, http::to_json(rule));
  });
  local.del("/_azemu/faults", "AzemuClearFaults", [&d](http::Request&) {
    d.faults.remove("");
    return http::Reply::empty(204);
  });
  local.del("/_azemu/faults/{id}", "AzemuDeleteFault", [&d](http::Request& req) {
    if (!d.faults.remove(req.param("id")))
      throw AzureError(ErrorKind::NotFound, "FaultRuleNotFound", "No fault rule '" + req.param("id") + "'.");
    return http::Reply::empty(204);
  });
}

}  // namespace azemu::app
