// See kv_test_stack.hpp. Follows tests/support/test_stack.cpp, minus fake-aad and fake-arm.
#include "tests/fake-keyvault/kv_test_stack.hpp"

#include "emulator/json/strings.hpp"

#include <filesystem>

namespace azemu::kvtest {

namespace {
class NoDirectory final : public ports::Directory {
public:
  std::vector<ports::TenantInfo> tenants() const override { return {}; }
  bool tenant_exists(std::string_view t) const override { return t == kTenant || t == kOtherTenant; }
  std::optional<ports::PrincipalInfo> find_principal(std::string_view) const override { return std::nullopt; }
};
}  // namespace

std::optional<ports::VaultInfo> FakeVaults::find(std::string_view name) const {
  auto it = vaults.find(text::to_lower(name));
  if (it == vaults.end()) return std::nullopt;
  return it->second;
}

bool FakeVaults::data_action_allowed(std::string_view oid, std::string_view action, std::string_view) const {
  return grants.count(std::string(oid) + "|" + std::string(action)) > 0;
}

ports::VaultInfo default_vault(const std::string& name) {
  ports::VaultInfo v;
  v.name = name;
  v.resource_id = "/subscriptions/00000000-0000-4000-8000-00000000aaaa/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/" + name;
  v.subscription_id = "00000000-0000-4000-8000-00000000aaaa";
  v.location = "westus";
  v.tenant_id = kTenant;
  v.sku = "standard";
  ports::VaultAccessPolicy p;
  p.tenant_id = kTenant;
  p.object_id = kOid;
  p.keys = {"all"};
  p.secrets = {"All"};
  v.access_policies.push_back(p);
  return v;
}

KvStack::KvStack() : dir_(testing::make_temp_dir("azemu-kv-test")) {
  static const std::string pem_dir = testing::make_temp_dir("azemu-kv-key");
  key_ = std::make_unique<auth::SigningKey>(auth::SigningKey::load_or_create(pem_dir + "/key.pem"));
  std::vector<store::Migration> all = kv::migrations();
  for (auto& m : audit::migrations()) all.push_back(m);
  db_ = std::make_unique<store::Database>(dir_ + "/azemu.db", all);
  directory_ = std::make_unique<NoDirectory>();
  audit_ = std::make_unique<audit::AuditLog>(*db_);
  verifier_ = std::make_unique<auth::TokenVerifier>(
      *key_, [this](std::string_view tid) { return directory_->tenant_exists(tid); });
  vaults.vaults["kv1"] = default_vault();
  deps_ = std::make_unique<kv::KvDeps>(kv::KvDeps{*db_, clock, names_, vaults, *directory_, *audit_, master_key_});
  plane_ = std::make_unique<kv::DataPlane>(*deps_);
  kv::mount(router_, *plane_);
  pipeline_ = std::make_unique<http::Pipeline>(router_, *verifier_, clock, names_);
}

KvStack::~KvStack() {
  pipeline_.reset();
  db_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

testing::Response KvStack::call(const std::string& method, const std::string& url, const std::string& body,
                                std::vector<std::pair<std::string, std::string>> headers) {
  http::Request req;
  req.method = method;
  http::parse_target(req, url);
  for (auto& [k, v] : headers) req.headers.emplace_back(text::to_lower(k), v);
  req.body = body;
  http::Reply reply = pipeline_->handle(req);
  testing::Response r;
  r.status = reply.status;
  r.headers = reply.headers;
  r.body = reply.body;
  return r;
}

std::string KvStack::token(const nlohmann::json& overrides) {
  auto now = clock.now_unix();
  nlohmann::json claims = {{"aud", "https://vault.azure.net"}, {"iss", "https://sts.windows.net/" + kTenant + "/"},
                           {"iat", now}, {"nbf", now}, {"exp", now + 3600}, {"appid", kAppId},
                           {"oid", kOid}, {"sub", kOid}, {"tid", kTenant}, {"idtyp", "app"}, {"ver", "1.0"}};
  claims.update(overrides);
  return auth::sign_jwt(claims, *key_);
}

testing::Response KvStack::as(const std::string& method, const std::string& url, const std::string& body,
                              const nlohmann::json& claims) {
  return call(method, url, body, {{"Authorization", "Bearer " + token(claims)}, {"Content-Type", "application/json"}});
}

}  // namespace azemu::kvtest
