// TestStack: the whole azemu request path in-process, without sockets: a temp-dir SQLite store
// with every migration, the seeded identities (fixed ids below), a FakeClock, a fresh signing key,
// the router with every service mounted, and the pipeline. call() builds a Request exactly as the
// server does (Host from the URL) and runs the pipeline, so routes, auth and error dialects are
// all exercised. Used by the `http` kind of tests.
#pragma once

#include "emulator/auth/jwt.hpp"
#include "emulator/cloud/hosts.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/exec/jobs.hpp"
#include "emulator/http/fault_rules.hpp"
#include "emulator/http/pipeline.hpp"
#include "emulator/http/router.hpp"
#include "emulator/audit/audit_log.hpp"
#include "emulator/ports/directory.hpp"
#include "emulator/ports/vaults.hpp"
#include "emulator/ports/platform_key_vault.hpp"
#include "emulator/ports/vm_runtime.hpp"
#include "emulator/ports/seed.hpp"
#include "emulator/store/database.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace azemu::testing {

struct Response {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  nlohmann::json json() const { return body.empty() ? nlohmann::json() : nlohmann::json::parse(body); }
  std::string header(const std::string& lower_name) const;
};

/// Fixed seed used by every TestStack (so tests can name these ids).
ports::Seed test_seed();

class TestStack {
public:
  TestStack();
  ~TestStack();

  /// `url` is absolute ("https://management.azure.com/subscriptions?api-version=2022-12-01").
  Response call(const std::string& method, const std::string& url, const std::string& body = "",
                std::vector<std::pair<std::string, std::string>> headers = {});
  /// The pipeline's reply itself, as the server gets it (a settle hook included, emulator/http/settle.hpp).
  http::Reply handle(const std::string& method, const std::string& url, const std::string& body = "",
                     std::vector<std::pair<std::string, std::string>> headers = {});
  /// Same as call(), with "Authorization: Bearer <token>".
  Response call_as(const std::string& token, const std::string& method, const std::string& url,
                   const std::string& body = "", std::vector<std::pair<std::string, std::string>> headers = {});

  /// A token from the real token endpoint (client_credentials with the seeded bootstrap SP).
  std::string sp_token(const std::string& scope = "https://management.core.windows.net//.default");
  /// A token from the real token endpoint (password grant with the seeded admin user).
  std::string user_token(const std::string& scope = "https://management.core.windows.net//.default");

  /// A token signed with the stack's key without going through fake-aad: the seeded bootstrap SP's
  /// claims for ARM, with `overrides` merged in (e.g. {"exp": 0} or {"aud": "..."}).
  std::string mint(const nlohmann::json& overrides = nlohmann::json::object());

  exec::FakeClock& clock() { return clock_; }
  store::Database& db() { return *db_; }
  const auth::SigningKey& signing_key() const { return *key_; }
  const http::Router& router() const { return router_; }
  /// For callers that build their own http::Request (the request-path fuzzer parses raw bytes).
  const http::Pipeline& pipeline() const { return *pipeline_; }
  const ports::Seed& seed() const { return seed_; }
  audit::AuditLog& audit() { return *audit_; }
  const ports::Vaults& vaults() const { return *vaults_; }
  ports::VmRuntime& vms() { return *vms_; }
  /// The platform's in-process Key Vault calls (disk encryption), as Compute gets them.
  ports::PlatformKeyVault& platform_kv();
  const std::string& data_dir() const { return dir_; }
  /// Fault rules wired as in the server (pipeline, failLro plans, deployments); empty by default.
  http::FaultRules& faults() { return faults_; }
  http::Pipeline& mutable_pipeline() { return *pipeline_; }

private:
  std::string dir_;
  ports::Seed seed_;
  exec::FakeClock clock_;
  http::FaultRules faults_{&clock_};
  exec::InlineJobs jobs_;  // background work runs inside the request: operations are done on return
  std::unique_ptr<auth::SigningKey> key_;
  cloud::HostNames names_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<ports::Directory> directory_;
  std::unique_ptr<ports::Vaults> vaults_;
  std::unique_ptr<ports::VmRuntime> vms_;  // guestless: VM operations finish at once
  std::unique_ptr<audit::AuditLog> audit_;
  std::string master_key_ = std::string(64, 'a');
  std::unique_ptr<auth::TokenVerifier> verifier_;
  http::Router router_;
  std::unique_ptr<http::Pipeline> pipeline_;
  struct Deps;
  std::unique_ptr<Deps> deps_;
};

/// A fresh empty directory under $TMPDIR (removed by the caller or left for inspection).
std::string make_temp_dir(const std::string& prefix);

}  // namespace azemu::testing
