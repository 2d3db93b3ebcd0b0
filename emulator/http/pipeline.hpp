// The fixed per-request steps, readable top to bottom in pipeline.cpp:
//   1. classify the host (management/login/graph/vault/local) and fill request ids
//   2. match a route (404/405 in the host's dialect when none)
//   3. authenticate with the scope's policy (one place; leaves a Principal on the request)
//   4. answer an injected fault if a rule matches (fault_rules.hpp), else run the handler
//   5. turn any AzureError into the dialect's body (the one catch site) and add common headers
// It is synchronous: the connection runs it on the blocking pool.
#pragma once

#include "emulator/auth/jwt.hpp"
#include "emulator/cloud/hosts.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/http/fault_rules.hpp"
#include "emulator/http/request_metrics.hpp"
#include "emulator/http/router.hpp"

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

private:
  Reply dispatch(Request& req, Dialect& dialect) const;
  Reply render(const AzureError& e, Dialect dialect, const Request& req) const;
  const Router& router_;
  const auth::TokenVerifier& verifier_;
  const exec::Clock& clock_;
  const cloud::HostNames& names_;
  RequestMetrics* metrics_ = nullptr;
  FaultRules* faults_ = nullptr;
};

}  // namespace azemu::http
