// Fault injection for test suites (issue 14): rules that make a matching request misbehave the way
// Azure does. A rule matches on service, method, path glob, operation (the route's Azure operation id,
// or an ARM operation name such as Microsoft.Compute/virtualMachines/write) and the caller, fires a
// number of times, with a probability and inside a time window, and does one of:
//   status    answer an Azure error instead of running the handler (429 + Retry-After, 500, 503 ServerBusy...)
//   latencyMs delay the answer (an asio timer on the connection, never a sleep); alone or with a status
//   drop      close the connection without an answer
//   failLro   run the request, then make the LRO it started end Failed after N polls (ports/lro_faults.hpp)
// The pipeline asks match() after authentication, before the handler; every hit is counted and logged.
// Rules live in memory (a restart or `azemu reset` clears them). Not yet: guest boot or extension failures.
#pragma once

#include "emulator/error/azure_error.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/http/request.hpp"
#include "emulator/ports/lro_faults.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
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
  std::string operation;       // route operation id ("ResourceGroups_CreateOrUpdate") or, with a '/',
                               // an ARM operation ("Microsoft.Compute/virtualMachines/write"); any case
  std::string principal;       // caller's object id or app id
  std::optional<std::int64_t> count;  // fire at most this many times
  double probability = 1.0;
  std::optional<std::int64_t> after_seconds;  // window start, seconds after the rule was added (azemu's clock)
  std::optional<std::int64_t> for_seconds;    // window length from its start
  // Actions. An error answer unless drop or failLro is set (status defaults to 500 then).
  std::optional<int> status;
  std::string code;            // Azure error code; defaults per status
  std::string message;
  std::optional<int> retry_after;  // seconds, sent as Retry-After
  std::int64_t latency_ms = 0;
  bool drop = false;
  std::optional<ports::LroFailure> fail_lro;
  std::int64_t added_at = 0;   // unix seconds, set by add()
  std::uint64_t hits = 0;
};

/// Wire form: the fields above with camelCase names (retryAfter, latencyMs, failLro {code, message,
/// afterPolls}, afterSeconds, forSeconds), plus "hits" on output.
nlohmann::json to_json(const FaultRule& r);
/// Strict: unknown fields, wrong types, a status outside 400..599, a probability outside 0..1, drop
/// with another action, failLro with a status throw AzureError(BadRequest, "InvalidFaultRule") whose
/// message names the field.
FaultRule fault_rule_from_json(const nlohmann::json& j);

/// What the pipeline does for a matched rule.
struct FaultHit {
  std::string rule_id;
  std::optional<AzureError> error;            // answer this instead of running the handler
  std::chrono::milliseconds delay{0};         // hold the answer this long
  bool drop = false;                          // close the connection, answer nothing
  std::optional<ports::LroFailure> fail_lro;  // run the handler, then fail the LRO it started
};

class FaultRules {
public:
  /// `clock` places time windows (azemu's clock, so time travel moves them); nullptr = system time.
  explicit FaultRules(const exec::Clock* clock = nullptr) : clock_(clock) {}

  FaultRule add(FaultRule rule);
  std::vector<FaultRule> list() const;
  /// Removes one rule (false if unknown) or, with an empty id, all of them.
  bool remove(const std::string& id);
  /// The first matching rule's action, or nullopt. `service` is the dialect name; `arm_operation` the
  /// request's ARM operation name ("" outside ARM).
  std::optional<FaultHit> match(const Request& req, std::string_view service, std::string_view arm_operation = {});
  /// For work without a request of its own (a resource inside a deployment): the first failLro rule
  /// whose operation, principal, count, probability and window match. Service "arm", method and path
  /// are not known there, so rules that name a method or path never match.
  std::optional<ports::LroFailure> match_lro(std::string_view arm_operation, const auth::Principal& caller);
  std::uint64_t hits() const;

private:
  bool fires(FaultRule& r, std::int64_t now);  // count, window, probability; counts the hit
  std::int64_t now() const;
  const exec::Clock* clock_;
  mutable std::mutex mutex_;
  std::vector<FaultRule> rules_;
  std::uint64_t next_id_ = 1;
  std::uint64_t total_hits_ = 0;
  std::mt19937_64 random_{std::random_device{}()};
};

}  // namespace azemu::http
