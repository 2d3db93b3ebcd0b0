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

  TEST_CASE("the ForbiddenByRbac text is Azure's, with the scope in lower case and DecisionReason null") {
    KvStack s;
    s.vaults.vaults["kv1"].enable_rbac_authorization = true;
    auto r = s.as("POST", kVault + "/keys/MyKey/create?api-version=7.4", R"({"kty":"RSA"})");
    CHECK(r.status == 403);
    CHECK(r.json()["error"]["code"] == "Forbidden");
    CHECK(r.json()["error"]["message"] ==
          "Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role "
          "definitions were changed recently, please observe propagation time.\r\nCaller: appid=" + kAppId + ";oid=" +
              kOid + ";iss=https://sts.windows.net/" + kTenant +
              "/\r\nAction: 'Microsoft.KeyVault/vaults/keys/create/action'\r\nResource: "
              "'/subscriptions/00000000-0000-4000-8000-00000000aaaa/resourcegroups/rg/providers/microsoft.keyvault/"
              "vaults/kv1/keys/mykey'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: null "
              "\r\nVault: kv1;location=westus\r\n");
  }

  TEST_CASE("each data-plane route asks for the data action Azure's operations list names") {
    // Spec: learn.microsoft.com "Azure resource provider operations", Microsoft.KeyVault DataActions.
    KvStack s;
    s.vaults.vaults["kv1"].enable_rbac_authorization = true;
    struct Case { const char* method; const char* path; const char* body; const char* action; const char* resource; };
    const Case cases[] = {
        {"PATCH", "/keys/k/", R"({"attributes":{"enabled":false}})", "keys/update/action", "/keys/k'"},
        {"GET", "/keys/k/rotationpolicy", "", "keyrotationpolicies/read", "/keys/k'"},
        {"PUT", "/keys/k/rotationpolicy", R"({"lifetimeActions":[]})", "keyrotationpolicies/write", "/keys/k'"},
        {"GET", "/deletedkeys", "", "keys/read", "/vaults/kv1'"},
        {"GET", "/deletedkeys/k", "", "keys/read", "/keys/k'"},
        {"DELETE", "/deletedkeys/k", "", "keys/purge/action", "/keys/k'"},
        {"POST", "/deletedkeys/k/recover", "", "keys/recover/action", "/keys/k'"},
        {"PATCH", "/secrets/s/", R"({"attributes":{"enabled":false}})", "secrets/update/action", "/secrets/s'"},
        {"GET", "/deletedsecrets", "", "secrets/readMetadata/action", "/vaults/kv1'"},
        {"GET", "/deletedsecrets/s", "", "secrets/readMetadata/action", "/secrets/s'"},
        {"DELETE", "/deletedsecrets/s", "", "secrets/purge/action", "/secrets/s'"},
        {"POST", "/deletedsecrets/s/recover", "", "secrets/recover/action", "/secrets/s'"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.method);
      CAPTURE(c.path);
      auto r = s.as(c.method, kVault + c.path + "?api-version=7.4", c.body);
      CHECK(r.status == 403);
      std::string m = r.json()["error"]["message"];
      CHECK(m.find(std::string("\r\nAction: 'Microsoft.KeyVault/vaults/") + c.action + "'\r\n") != std::string::npos);
      CHECK(m.find(std::string(c.resource) + "\r\nAssignment") != std::string::npos);
    }
  }

  TEST_CASE("Key Vault Crypto User's set-attributes data action lets it update a key") {
    KvStack s;
    s.vaults.vaults["kv1"].enable_rbac_authorization = true;
    s.vaults.grants.insert(kOid + "|Microsoft.KeyVault/vaults/keys/create/action");
    REQUIRE(s.as("POST", kVault + "/keys/k/create?api-version=7.4", R"({"kty":"RSA"})").status == 200);
    s.vaults.grants.insert(kOid + "|Microsoft.KeyVault/vaults/keys/update/action");
    auto r = s.as("PATCH", kVault + "/keys/k/?api-version=7.4", R"({"tags":{"a":"b"}})");
    CHECK(r.status == 200);
    CHECK(r.json()["tags"]["a"] == "b");
  }
}
