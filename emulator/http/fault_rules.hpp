// Fault injection for test suites (issue 14): rules that make a matching request fail the way Azure
// fails — 429 with Retry-After, 500, 503 ServerBusy, 409 — so a client's retry code can be tested.
// A rule matches on service, method, path glob, the route's Azure operation id and the caller, and
// fires a number of times or with a probability. The pipeline asks match() after authentication,
// before the handler; every hit is counted and logged. Rules live in memory (a restart clears them).
// Not yet: latency, dropped connections, failing an LRO after N polls, guest boot failures.
#pragma once

#include "emulator/error/azure_error.hpp"
#include "emulator/http/request.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace azemu::http {

struct FaultRule {
  std::string id;              // "f1", "f2", ... assigned by add()
  std::string service;         // "" | "arm" | "keyvault" | "graph" | "aad"
  std::string method;          // "" (any) or upper case
  std::string path;            // glob over the decoded path, any case; '*' matches any run; "" = any
  std::string operation;       // the route's operation id ("ResourceGroups_CreateOrUpdate"), any case
  std::string principal;       // caller's object id or app id
  std::optional<std::int64_t> count;  // fire at most this many times
  double probability = 1.0;
  int status = 500;
  std::string code;            // Azure error code; defaults per status
  std::string message;
  std::optional<int> retry_after;  // seconds, sent as Retry-After
  std::uint64_t hits = 0;
};

/// Wire form: the fields above with camelCase names (retryAfter), plus "hits" on output.
nlohmann::json to_json(const FaultRule& r);
/// Strict: unknown fields, wrong types, a status outside 400..599 or a probability outside 0..1
/// throw AzureError(BadRequest, "InvalidFaultRule").
FaultRule fault_rule_from_json(const nlohmann::json& j);

class FaultRules {
public:
  FaultRule add(FaultRule rule);
  std::vector<FaultRule> list() const;
  /// Removes one rule (false if unknown) or, with an empty id, all of them.
  bool remove(const std::string& id);
  /// The error to answer instead of running the handler, or nullopt. `service` is the dialect name.
  std::optional<AzureError> match(const Request& req, std::string_view service);
  std::uint64_t hits() const;

private:
  mutable std::mutex mutex_;
  std::vector<FaultRule> rules_;
  std::uint64_t next_id_ = 1;
  std::uint64_t total_hits_ = 0;
  std::mt19937_64 random_{std::random_device{}()};
};

}  // namespace azemu::http
