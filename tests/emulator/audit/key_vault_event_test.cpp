#include "emulator/audit/key_vault_event.hpp"

#include <doctest/doctest.h>

using namespace azemu;

namespace {
struct FixedClock : exec::Clock {
  std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::time_point{}; }
};
}  // namespace

TEST_SUITE("key_vault_event") {
  TEST_CASE("resultType and resultSignature follow the status as Azure names it") {
    CHECK(audit::result_type(200) == "Success");
    CHECK(audit::result_type(204) == "Success");
    CHECK(audit::reason_phrase(204) == "No Content");
    CHECK(audit::result_type(404) == "NotFound");
    CHECK(audit::reason_phrase(404) == "Not Found");
    CHECK(audit::result_type(500) == "InternalServerError");
    CHECK(audit::reason_phrase(500) == "Internal Server Error");
    CHECK(audit::result_type(501) == "NotImplemented");
    CHECK(audit::reason_phrase(501) == "Not Implemented");
    CHECK(audit::result_type(418) == "Failure");
  }

  TEST_CASE("a call becomes one row: claims, authorization and the object's properties") {
    auth::Principal p;
    p.object_id = "oid-1";
    p.app_id = "app-1";
    p.tenant_id = "tid-1";
    audit::KeyVaultCall c;
    c.operation = "SecretGet";
    c.vault_name = "KV1";
    c.resource_id = "/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/kv1";
    c.api_version = "7.4";
    c.request_uri = "https://kv1.vault.azure.net/secrets/s1?api-version=7.4";
    c.client_info = "azsdk";
    c.correlation_id = "corr";
    c.caller = &p;
    c.policy_match = true;
    c.object_id = "https://kv1.vault.azure.net/secrets/s1/v1";
    FixedClock clock;
    auto e = audit::key_vault_event(c, 200, 7, clock);
    CHECK(e.vault_name == "kv1");
    CHECK(e.operation_version == "7.4");
    CHECK(e.result_signature == "OK");
    CHECK(e.duration_ms == 7);
    CHECK(e.identity["claim"][audit::kClaimObjectId] == "oid-1");
    CHECK(e.identity["claim"]["iss"] == "https://sts.windows.net/tid-1/");
    CHECK_FALSE(e.identity["claim"].contains(audit::kClaimUpn));  // an app has no upn
    CHECK(e.is_access_policy_match == std::optional<bool>(true));
    CHECK(e.properties["id"] == c.object_id);
    CHECK(e.properties["clientInfo"] == "azsdk");
    CHECK(e.properties["httpStatusCode"] == 200);

    c.rbac = true;
    c.caller = nullptr;
    auto r = audit::key_vault_event(c, 403, 0, clock);
    CHECK_FALSE(r.is_access_policy_match.has_value());
    CHECK(r.properties["isRbacAuthorized"] == true);
    CHECK(r.identity.is_null());
  }
}
