// Authorization: access-policy matching (object id, compound application id, case-insensitive
// permission names, "all"), RBAC data actions, and the exact 403 texts over HTTP.
#include "fake-keyvault/common/authorizer.hpp"

#include "tests/fake-keyvault/kv_test_stack.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::kv;
using namespace azemu::kvtest;

namespace {
auth::Principal caller(const std::string& oid, const std::string& appid = kAppId) {
  auth::Principal p;
  p.object_id = oid;
  p.app_id = appid;
  p.tenant_id = kTenant;
  return p;
}
const Operation kWrap{"KeyWrap", "keys", "wrapKey", "Microsoft.KeyVault/vaults/keys/wrap/action", "key-name"};
}  // namespace

TEST_SUITE("authorizer") {
  TEST_CASE("access policies match by object id, permission names case-insensitively, and 'all'") {
    FakeVaults vaults;
    auto v = default_vault();
    v.access_policies[0].keys = {"WrapKey"};
    CHECK(authorize(vaults, v, caller(kOid), kWrap, "k").allowed);
    CHECK_FALSE(authorize(vaults, v, caller(kStranger), kWrap, "k").allowed);
    Operation unwrap = kWrap;
    unwrap.permission = "unwrapKey";
    CHECK_FALSE(authorize(vaults, v, caller(kOid), unwrap, "k").allowed);
    v.access_policies[0].keys = {"ALL"};
    CHECK(authorize(vaults, v, caller(kOid), unwrap, "k").allowed);
    Operation secret_get{"SecretGet", "secrets", "get", "", "secret-name"};
    v.access_policies[0].secrets = {};
    CHECK_FALSE(authorize(vaults, v, caller(kOid), secret_get, "s").allowed);
  }

  TEST_CASE("a compound-identity policy applies only to its application") {
    FakeVaults vaults;
    auto v = default_vault();
    v.access_policies[0].application_id = "44444444-0000-4000-8000-000000000001";
    CHECK_FALSE(authorize(vaults, v, caller(kOid), kWrap, "k").allowed);
    CHECK(authorize(vaults, v, caller(kOid, "44444444-0000-4000-8000-000000000001"), kWrap, "k").allowed);
  }

  TEST_CASE("RBAC vaults ignore access policies and ask for the data action") {
    FakeVaults vaults;
    auto v = default_vault();
    v.enable_rbac_authorization = true;
    auto d = authorize(vaults, v, caller(kOid), kWrap, "k");
    CHECK(d.rbac);
    CHECK_FALSE(d.allowed);
    vaults.grants.insert(kOid + "|Microsoft.KeyVault/vaults/keys/wrap/action");
    CHECK(authorize(vaults, v, caller(kOid), kWrap, "k").allowed);
  }

  TEST_CASE("a caller without permission gets Azure's 403 AccessDenied text") {
    KvStack s;
    auto r = s.as("POST", kVault + "/keys/k/create?api-version=7.4", R"({"kty":"RSA"})", {{"oid", kStranger}});
    CHECK(r.status == 403);
    auto e = r.json()["error"];
    CHECK(e["code"] == "Forbidden");
    CHECK(e["innererror"]["code"] == "AccessDenied");
    CHECK(e["message"] == "The user, group or application 'appid=" + kAppId + ";oid=" + kStranger +
                              ";iss=https://sts.windows.net/" + kTenant +
                              "/' does not have keys create permission on key vault 'kv1;location=westus'. For help "
                              "resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287");
    s.vaults.vaults["kv1"].access_policies[0].secrets = {"get"};
    auto l = s.as("GET", kVault + "/secrets?api-version=7.4");
    CHECK(l.json()["error"]["message"].get<std::string>().find("does not have secrets list permission") != std::string::npos);
  }

  TEST_CASE("an RBAC vault denies with ForbiddenByRbac naming the action and scope") {
    KvStack s;
    s.vaults.vaults["kv1"].enable_rbac_authorization = true;
    auto r = s.as("GET", kVault + "/secrets/s?api-version=7.4");
    CHECK(r.status == 403);
    CHECK(r.json()["error"]["innererror"]["code"] == "ForbiddenByRbac");
    std::string m = r.json()["error"]["message"];
    CHECK(m.find("Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'") != std::string::npos);
    CHECK(m.find("/vaults/kv1/secrets/s'") != std::string::npos);
    s.vaults.grants.insert(kOid + "|Microsoft.KeyVault/vaults/secrets/setSecret/action");
    CHECK(s.as("PUT", kVault + "/secrets/s?api-version=7.4", R"({"value":"v"})").status == 200);
  }
}
