// The control API for test suites and labs (issue 14), on the bare local host and on plain HTTP at
// the listen address (no Azure token: reaching the port is the trust boundary, see README; with
// `azemu start --admin-token` all but /_azemu/health need `Authorization: Bearer <token>`, checked
// in the pipeline):
//   GET    /_azemu/ca.pem                 the CA certificate (PEM) clients must trust
//   GET    /_azemu/health                 readiness details (JSON)
//   GET    /_azemu/metrics                Prometheus text: requests, latency, LROs, VMs, Key Vault calls, faults
//   GET    /_azemu/time                   {"now"}; POST {"advanceSeconds": N} or {"set": "<iso>"} (forward only)
//   POST   /_azemu/reset                  back to a fresh cloud; {"keepIdentities": true} keeps the directory
//   POST   /_azemu/seed                   apply a seed document (emulator/seed/seed_document.hpp) → counts
//   GET    /_azemu/faults                 {"value": [rules with hit counts]}
//   POST   /_azemu/faults                 add a rule (http/fault_rules.hpp: status, latencyMs, drop, failLro) → 201
//   DELETE /_azemu/faults[/{id}]          remove one rule or all
//   GET    /_azemu/snapshots              {"value": [snapshots]}; POST {"name"} saves one → 201
//   POST   /_azemu/snapshots/{name}/restore   the cloud as saved; DELETE /_azemu/snapshots/{name}
#pragma once

#include "emulator/audit/audit_log.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/http/fault_rules.hpp"
#include "emulator/http/request_metrics.hpp"
#include "emulator/http/router.hpp"
#include "emulator/snapshot/snapshots.hpp"

#include <functional>
#include <string>

namespace azemu::app {

struct ControlDeps {
  exec::SystemClock& clock;
  http::FaultRules& faults;
  const http::RequestMetrics& metrics;
  audit::AuditLog& audit;
  std::string ca_pem_path;
  std::function<std::string()> service_gauges;  // extra Prometheus lines from the services (LROs, VMs)
  std::function<nlohmann::json()> readiness;    // details for /_azemu/health
  std::function<nlohmann::json(bool keep_identities)> reset;  // what was removed, and how long it took
  std::function<nlohmann::json(const std::string& text)> seed;  // a seed document applied: counts per section
  snapshot::Snapshots& snapshots;
};

void mount_control_routes(http::Router& router, ControlDeps& deps);

/// "91d", "12h", "30m", "45s" or plain seconds → seconds; throws std::invalid_argument otherwise.
std::int64_t parse_duration_seconds(const std::string& text);

}  // namespace azemu::app
