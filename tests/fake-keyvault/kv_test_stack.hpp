// KvStack: the Key Vault request path in-process without fake-arm: a temp-dir SQLite store with the
// kv and audit migrations, a FakeClock, a signing key, FakeVaults (a test double of ports::Vaults
// whose vaults and RBAC grants tests set directly), the router with only fake-keyvault mounted,
// and the real pipeline. Tokens are minted locally with the vault audience.
#pragma once

#include "tests/support/test_stack.hpp"

#include "emulator/auth/signing_key.hpp"
#include "fake-keyvault/mount.hpp"

#include <map>
#include <memory>
#include <set>
#include <string>

namespace azemu::kvtest {

inline const std::string kTenant = "72f988bf-0000-4000-8000-000000000001";
inline const std::string kOtherTenant = "72f988bf-0000-4000-8000-000000000099";
inline const std::string kAppId = "11111111-0000-4000-8000-000000000001";
inline const std::string kOid = "11111111-0000-4000-8000-000000000002";
inline const std::string kStranger = "33333333-0000-4000-8000-000000000002";
/// Proxy-mode vault URL base ("https://kv1.vault.azure.net").
inline const std::string kVault = "https://kv1.vault.azure.net";

class FakeVaults final : public ports::Vaults {
public:
  std::optional<ports::VaultInfo> find(std::string_view name) const override;
  bool data_action_allowed(std::string_view oid, std::string_view action, std::string_view scope) const override;
  std::map<std::string, ports::VaultInfo> vaults;
  std::set<std::string> grants;  // "oid|action"
};

/// A standard vault "kv1" in kTenant whose only policy grants kOid all key and secret permissions.
ports::VaultInfo default_vault(const std::string& name = "kv1");

class KvStack {
public:
  KvStack();
  ~KvStack();

  testing::Response call(const std::string& method, const std::string& url, const std::string& body = "",
                         std::vector<std::pair<std::string, std::string>> headers = {});
  /// As the default caller (kOid/kAppId in kTenant, vault audience), claims overridable.
  testing::Response as(const std::string& method, const std::string& url, const std::string& body = "",
                       const nlohmann::json& claims = nlohmann::json::object());
  std::string token(const nlohmann::json& overrides = nlohmann::json::object());

  FakeVaults vaults;
  exec::FakeClock clock;
  audit::AuditLog& audit() { return *audit_; }
  store::Database& db() { return *db_; }
  const std::string& master_key() const { return master_key_; }
  kv::KvDeps& deps() { return *deps_; }
  http::Pipeline& pipeline() { return *pipeline_; }

private:
  std::string dir_;
  std::unique_ptr<auth::SigningKey> key_;
  cloud::HostNames names_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<ports::Directory> directory_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::string master_key_ = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  std::unique_ptr<auth::TokenVerifier> verifier_;
  http::Router router_;
  std::unique_ptr<kv::KvDeps> deps_;
  std::unique_ptr<http::Pipeline> pipeline_;
};

}  // namespace azemu::kvtest
