// See test_stack.hpp. Mirrors the wiring of emulator/app/services.cpp on purpose: if that file
// changes how services are mounted, this one changes with it.
#include "tests/support/test_stack.hpp"

#include "fake-aad/mount.hpp"
#include "fake-arm/mount.hpp"
#include "fake-keyvault/common/vault_objects_port.hpp"
#include "fake-keyvault/mount.hpp"
#include "fake-keyvault/platform/platform_key_vault.hpp"
#include "emulator/json/strings.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace azemu::testing {

std::string Response::header(const std::string& name) const {
  for (const auto& [k, v] : headers)
    if (text::iequals(k, name)) return v;
  return {};
}

ports::Seed test_seed() {
  ports::Seed s;
  s.tenant_id = "72f988bf-0000-4000-8000-000000000001";
  s.tenant_domain = "azemu.onmicrosoft.com";
  s.subscription_id = "00000000-0000-4000-8000-00000000aaaa";
  s.subscription_name = "azemu subscription";
  s.client_id = "11111111-0000-4000-8000-000000000001";
  s.client_object_id = "11111111-0000-4000-8000-000000000002";
  s.client_app_object_id = "11111111-0000-4000-8000-000000000003";
  s.client_secret = "bootstrap-secret~value";
  s.admin_user = "admin@azemu.onmicrosoft.com";
  s.admin_object_id = "22222222-0000-4000-8000-000000000001";
  s.admin_password = "Admin-Passw0rd!";
  return s;
}

std::string make_temp_dir(const std::string& prefix) {
  const char* base = std::getenv("TMPDIR");
  std::string templ = std::string(base ? base : "/tmp") + "/" + prefix + "-XXXXXX";
  if (!::mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
  return templ;
}

struct TestStack::Deps {
  Deps(aad::AadDeps a, kv::KvDeps k, exec::Jobs& jobs, ports::VmRuntime& vms, http::FaultRules& faults)
      : aad(a), kv(k), kv_plane(kv), sealing(k.master_key), platform_kv(kv::make_platform_key_vault(kv_plane)),
        vault_objects(kv::make_vault_objects(k.db)),
        lro_faults(k.db, k.clock,
                   [&faults](std::string_view op, const auth::Principal& caller) { return faults.match_lro(op, caller); }),
        arm{k.db, k.clock, k.names, k.directory, k.audit, jobs, vms, *platform_kv, sealing, *vault_objects, &lro_faults} {}
  aad::AadDeps aad;
  kv::KvDeps kv;
  kv::DataPlane kv_plane;
  store::Envelope sealing;
  std::unique_ptr<ports::PlatformKeyVault> platform_kv;
  std::unique_ptr<ports::VaultObjects> vault_objects;
  arm::OperationFaults lro_faults;
  arm::ArmDeps arm;
};

TestStack::TestStack() : dir_(make_temp_dir("azemu-test")), seed_(test_seed()) {
  // RSA generation costs ~50 ms; one key per process is as good as one per stack for tests.
  static const std::string shared_pem_dir = make_temp_dir("azemu-test-key");
  key_ = std::make_unique<auth::SigningKey>(auth::SigningKey::load_or_create(shared_pem_dir + "/key.pem"));
  std::vector<store::Migration> all = aad::migrations();
  for (auto& m : arm::migrations()) all.push_back(m);
  for (auto& m : kv::migrations()) all.push_back(m);
  for (auto& m : audit::migrations()) all.push_back(m);
  db_ = std::make_unique<store::Database>(dir_ + "/azemu.db", all);
  aad::seed(*db_, seed_);
  arm::seed(*db_, seed_);
  directory_ = aad::make_directory(*db_);
  vaults_ = arm::make_vaults(*db_);
  vms_ = arm::make_guestless_runtime();
  audit_ = std::make_unique<audit::AuditLog>(*db_);
  verifier_ = std::make_unique<auth::TokenVerifier>(
      *key_, [this](std::string_view tid) { return directory_->tenant_exists(tid); });
  deps_ = std::make_unique<Deps>(aad::AadDeps{*db_, clock_, *key_, names_},
                                 kv::KvDeps{*db_, clock_, names_, *vaults_, *directory_, *audit_, master_key_}, jobs_, *vms_, faults_);
  aad::mount(router_, deps_->aad);
  arm::mount(router_, deps_->arm);
  kv::mount(router_, deps_->kv_plane);
  pipeline_ = std::make_unique<http::Pipeline>(router_, *verifier_, clock_, names_);
  pipeline_->inject(faults_);
  pipeline_->fail_lros(deps_->lro_faults);
}

ports::PlatformKeyVault& TestStack::platform_kv() { return *deps_->platform_kv; }

TestStack::~TestStack() {
  pipeline_.reset();
  db_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

Response TestStack::call(const std::string& method, const std::string& url, const std::string& body,
                         std::vector<std::pair<std::string, std::string>> headers) {
  http::Reply reply = handle(method, url, body, std::move(headers));
  Response r;
  r.status = reply.status;
  r.headers = reply.headers;
  if (!reply.content_type.empty()) r.headers.emplace_back("content-type", reply.content_type);
  r.body = reply.body;
  return r;
}

http::Reply TestStack::handle(const std::string& method, const std::string& url, const std::string& body,
                              std::vector<std::pair<std::string, std::string>> headers) {
  http::Request req;
  req.method = method;
  http::parse_target(req, url);
  for (auto& [k, v] : headers) {
    std::string lower = k;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.headers.emplace_back(lower, v);
  }
  req.body = body;
  return pipeline_->handle(req);
}

Response TestStack::call_as(const std::string& token, const std::string& method, const std::string& url,
                            const std::string& body, std::vector<std::pair<std::string, std::string>> headers) {
  headers.emplace_back("authorization", "Bearer " + token);
  return call(method, url, body, std::move(headers));
}


std::string TestStack::mint(const nlohmann::json& overrides) {
  auto now = clock_.now_unix();
  nlohmann::json claims = {{"aud", "https://management.core.windows.net/"},
                           {"iss", "https://sts.windows.net/" + seed_.tenant_id + "/"},
                           {"iat", now}, {"nbf", now}, {"exp", now + 3600},
                           {"appid", seed_.client_id}, {"appidacr", "1"},
                           {"oid", seed_.client_object_id}, {"sub", seed_.client_object_id},
                           {"tid", seed_.tenant_id}, {"idtyp", "app"}, {"ver", "1.0"}};
  claims.update(overrides);
  return auth::sign_jwt(claims, *key_);
}

std::string TestStack::sp_token(const std::string& scope) {
  auto r = call("POST", "https://login.microsoftonline.com/" + seed_.tenant_id + "/oauth2/v2.0/token",
                "grant_type=client_credentials&client_id=" + text::percent_encode(seed_.client_id) +
                    "&client_secret=" + text::percent_encode(seed_.client_secret) + "&scope=" + text::percent_encode(scope),
                {{"content-type", "application/x-www-form-urlencoded"}});
  if (r.status != 200) throw std::runtime_error("sp_token: " + r.body);
  return r.json().at("access_token").get<std::string>();
}

std::string TestStack::user_token(const std::string& scope) {
  auto r = call("POST", "https://login.microsoftonline.com/organizations/oauth2/v2.0/token",
                "grant_type=password&client_id=04b07795-8ddb-461a-bbee-02f9e1bf7b46&username=" +
                    text::percent_encode(seed_.admin_user) + "&password=" + text::percent_encode(seed_.admin_password) +
                    "&scope=" + text::percent_encode(scope + " offline_access openid profile"),
                {{"content-type", "application/x-www-form-urlencoded"}});
  if (r.status != 200) throw std::runtime_error("user_token: " + r.body);
  return r.json().at("access_token").get<std::string>();
}

}  // namespace azemu::testing
