// The fixed per-request steps, readable top to bottom in pipeline.cpp:
//   1. classify the host (management/login/graph/vault/local) and fill request ids
//   2. match a route (404/405 in the host's dialect when none)
//   3. authenticate with the scope's policy (one place; leaves a Principal on the request); the admin
//      API (/_azemu/) checks the --admin-token instead when one is set
//   4. Key Vault's per-vault limits when --kv-throttling is on (429 Throttled); then
//      answer an injected fault if a rule matches (fault_rules.hpp), else run the handler; a failLro
//      rule runs the handler and hands the operation id of its polling headers to fake-arm
//   5. turn any AzureError into the dialect's body (the one catch site) and add common headers
// It is synchronous: the connection runs it on the blocking pool.
#pragma once

#include "emulator/auth/jwt.hpp"
#include "emulator/cloud/hosts.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/http/fault_rules.hpp"
#include "emulator/http/request_metrics.hpp"
#include "emulator/http/router.hpp"
#include "emulator/http/vault_throttle.hpp"
#include "emulator/ports/lro_faults.hpp"

namespace azemu::http {

class Pipeline {
public:
  Pipeline(const Router& router, const auth::TokenVerifier& verifier, const exec::Clock& clock,
           const cloud::HostNames& names)
      : router_(router), verifier_(verifier), clock_(clock), names_(names) {}

  /// `req.authority` must be set (Host header, or SNI/CONNECT host when absent).
  Reply handle(Request& req) const;

  /// Optional collaborators, wired by the composition root (unit tests run without them).
  void observe(RequestMetrics& metrics) { metrics_ = &metrics; }
  void inject(FaultRules& faults) { faults_ = &faults; }
  void fail_lros(ports::LroFaultPlans& plans) { lro_plans_ = &plans; }
  /// `azemu start --admin-token`: every /_azemu/ route but /_azemu/health then needs
  /// `Authorization: Bearer <token>` (401 otherwise). Empty: the admin API is open (see README).
  void require_admin_token(std::string token) { admin_token_ = std::move(token); }
  /// `azemu start --kv-throttling azure`: Key Vault's per-vault limits (vault_throttle.hpp).
  void throttle_vaults(VaultThrottle& throttle) { vault_throttle_ = &throttle; }

private:
  Reply dispatch(Request& req, Dialect& dialect, std::optional<FaultHit>& fault) const;
  void plan_lro_failure(const Reply& reply, const Request& req, const ports::LroFailure& failure) const;
  Reply render(const AzureError& e, Dialect dialect, const Request& req) const;
  const Router& router_;
  const auth::TokenVerifier& verifier_;
  const exec::Clock& clock_;
  const cloud::HostNames& names_;
  RequestMetrics* metrics_ = nullptr;
  FaultRules* faults_ = nullptr;
  ports::LroFaultPlans* lro_plans_ = nullptr;
  std::string admin_token_;
  VaultThrottle* vault_throttle_ = nullptr;
};

}  // namespace azemu::http
