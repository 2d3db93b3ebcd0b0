// The audit wrapper: one AuditEvent per call, including 401 challenges and 403 denials, with
// Azure's operation names, identity claims, isAccessPolicyMatch and key/secret properties.
#include "fake-keyvault/common/audited_route.hpp"

#include "tests/fake-keyvault/kv_test_stack.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::kvtest;

TEST_SUITE("audited_route") {
  TEST_CASE("an unauthenticated probe is audited as Authentication with 401") {
    KvStack s;
    s.call("GET", kVault + "/keys?", "", {{"x-ms-client-request-id", "corr-1"}});
    auto rows = s.audit().list("kv1");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].operation_name == "Authentication");
    CHECK(rows[0].http_status_code == 401);
    CHECK(rows[0].result_type == "Unauthorized");
    CHECK(rows[0].result_signature == "Unauthorized");
    CHECK(rows[0].operation_version == "7.4");
    CHECK(rows[0].correlation_id == "corr-1");
    CHECK(rows[0].identity.is_null());
    CHECK(rows[0].resource_id.find("/vaults/kv1") != std::string::npos);
  }

  TEST_CASE("a successful wrap is audited as KeyWrap with the caller's claims and key properties") {
    KvStack s;
    auto kid = s.as("POST", kVault + "/keys/k/create?api-version=7.4", R"({"kty":"RSA"})").json()["key"]["kid"].get<std::string>();
    s.as("POST", kid + "/wrapkey?api-version=2015-06-01", R"({"alg":"RSA-OAEP","value":"AAEC"})");
    auto rows = s.audit().list("kv1");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].operation_name == "KeyCreate");
    const auto& w = rows[1];
    CHECK(w.operation_name == "KeyWrap");
    CHECK(w.operation_version == "2015-06-01");
    CHECK(w.result_type == "Success");
    CHECK(w.http_status_code == 200);
    CHECK(w.is_access_policy_match == std::optional<bool>(true));
    CHECK(w.identity["claim"][azemu::audit::kClaimObjectId] == kOid);
    CHECK(w.identity["claim"]["appid"] == kAppId);
    CHECK(w.identity["claim"][azemu::audit::kClaimTenantId] == kTenant);
    CHECK(w.properties["id"] == kid);
    CHECK(w.properties["keyProperties"]["type"] == "RSA");
    CHECK(w.properties["algorithm"] == "RSA-OAEP");
  }

  TEST_CASE("a denied call is audited as Forbidden with isAccessPolicyMatch false") {
    KvStack s;
    s.as("PUT", kVault + "/secrets/s?api-version=7.4", R"({"value":"v"})", {{"oid", kStranger}});
    auto rows = s.audit().list("kv1");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].operation_name == "SecretSet");
    CHECK(rows[0].http_status_code == 403);
    CHECK(rows[0].result_type == "Forbidden");
    CHECK(rows[0].is_access_policy_match == std::optional<bool>(false));
    CHECK(rows[0].identity["claim"][azemu::audit::kClaimObjectId] == kStranger);
  }

  TEST_CASE("service errors and secret reads are audited too") {
    KvStack s;
    s.as("GET", kVault + "/secrets/missing?api-version=7.4");
    s.as("PUT", kVault + "/secrets/s?api-version=7.4", R"({"value":"v","contentType":"BEK"})");
    s.as("GET", kVault + "/secrets/s?api-version=7.4");
    auto rows = s.audit().list("kv1");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].operation_name == "SecretGet");
    CHECK(rows[0].http_status_code == 404);
    CHECK(rows[2].operation_name == "SecretGet");
    CHECK(rows[2].properties["secretProperties"]["contentType"] == "BEK");
  }
}
