// The seed document's validation (every refusal names the field, nothing is half-read) and the
// whole seed applied to an in-process stack: directory objects with their fixed ids, resources
// through the REST APIs, and a second application that changes nothing.
#include "emulator/seed/seed_client.hpp"
#include "emulator/seed/seed_document.hpp"

#include "fake-aad/mount.hpp"
#include "fake-arm/mount.hpp"
#include "tests/support/test_stack.hpp"

#include "emulator/error/azure_error.hpp"

#include <doctest/doctest.h>

using azemu::AzureError;
using azemu::seed::parse_seed_document;

namespace {
std::string refusal(const std::string& text) {
  try {
    parse_seed_document(text, azemu::testing::test_seed());
  } catch (const AzureError& e) {
    CHECK(e.code() == "InvalidSeed");
    return e.message();
  }
  return "accepted";
}

nlohmann::json apply_all(azemu::testing::TestStack& stack, const std::string& text) {
  auto doc = parse_seed_document(text, stack.seed());
  auto out = azemu::aad::apply_directory_seed(stack.db(), stack.seed(), doc);
  out.update(azemu::arm::apply_subscription_seed(stack.db(), stack.seed(), doc));
  out.update(azemu::seed::SeedClient(stack.pipeline(), stack.seed()).apply(doc));
  return out;
}

const char* kLab = R"({
  "users": [{"userPrincipalName": "student@azemu.onmicrosoft.com", "password": "Student-Passw0rd!"}],
  "applications": [{"displayName": "lab-app", "appId": "5e0d1f3a-0000-4000-8000-0000000000a1",
                    "servicePrincipalId": "5e0d1f3a-0000-4000-8000-0000000000a3",
                    "secrets": [{"value": "lab-secret-0123456789abcdef"}]}],
  "subscriptions": [{"id": "5e0d1f3a-0000-4000-8000-0000000000f1", "displayName": "second"}],
  "resourceGroups": [{"name": "lab-rg", "location": "westus"}],
  "vaults": [{"name": "labkv1", "resourceGroup": "lab-rg", "properties": {"enabledForDiskEncryption": true},
              "keys": [{"name": "kek"}], "secrets": [{"name": "note", "value": "v1"}]}],
  "roleAssignments": [{"principalId": "5e0d1f3a-0000-4000-8000-0000000000a3", "role": "Reader",
                       "scope": "/subscriptions/${subscriptionId}/resourceGroups/lab-rg"}]
})";
}  // namespace

TEST_SUITE("seed document") {
  TEST_CASE("a well-formed document gets every section, placeholders resolved") {
    auto doc = parse_seed_document(R"({"resourceGroups":[{"name":"g-${subscriptionId}","location":"westus"}]})",
                                   azemu::testing::test_seed());
    CHECK(doc["users"].is_array());
    CHECK(doc["vaults"].empty());
    CHECK(doc["resourceGroups"][0]["name"] == "g-" + azemu::testing::test_seed().subscription_id);
  }
  TEST_CASE("every refusal names the field") {
    CHECK(refusal(R"({"vault":[]})").find("unknown field 'vault'") != std::string::npos);
    CHECK(refusal(R"({"users":[{"id":"5e0d1f3a-0000-4000-8000-000000000001"}]})") ==
          "users[0]: 'userPrincipalName' is required");
    CHECK(refusal(R"({"users":[{"userPrincipalName":"a@b","id":"x"}]})") == "users[0].id: must be a GUID");
    CHECK(refusal(R"({"vaults":[{"name":"v","resourceGroup":"g","keys":[{"name":"k","keySize":"2048"}]}]})") ==
          "vaults[0].keys[0].keySize: must be an integer");
    CHECK(refusal(R"({"resourceGroups":[{"name":"g","location":"w","tags":{"a":1}}]})") ==
          "resourceGroups[0].tags.a: must be a string");
    CHECK(refusal(R"({"resourceGroups":[{"name":"${x}","location":"w"}]})").find("unknown placeholder '${x}'") !=
          std::string::npos);
    CHECK(refusal(R"({"resourceGroups":[{"name":"${x","location":"w"}]})").find("unterminated") != std::string::npos);
    CHECK(refusal("[1,2]") == "must be an object");
    CHECK(refusal("{").find("not valid JSON") != std::string::npos);
    CHECK(refusal(std::string(100, '[') + std::string(100, ']')).find("not valid JSON") != std::string::npos);
  }
}

TEST_SUITE("seed applied") {
  TEST_CASE("fixed ids, REST resources, and a second run changes nothing") {
    azemu::testing::TestStack stack;
    auto first = apply_all(stack, kLab);
    CHECK(first["users"]["created"] == 1);
    CHECK(first["applications"]["created"] == 1);
    CHECK(first["subscriptions"]["created"] == 1);
    CHECK(first["resourceGroups"]["created"] == 1);
    CHECK(first["vaults"]["created"] == 1);
    CHECK(first["keys"]["created"] == 1);
    CHECK(first["secrets"]["created"] == 1);
    CHECK(first["roleAssignments"]["created"] == 1);

    // The application signs in with its fixed id and secret.
    auto token = stack.call("POST", "https://login.microsoftonline.com/" + stack.seed().tenant_id + "/oauth2/v2.0/token",
                            "grant_type=client_credentials&client_id=5e0d1f3a-0000-4000-8000-0000000000a1"
                            "&client_secret=lab-secret-0123456789abcdef&scope=https%3A%2F%2Fmanagement.azure.com%2F.default",
                            {{"content-type", "application/x-www-form-urlencoded"}});
    CHECK(token.status == 200);
    // The seeding principal got the vault's data plane as `az keyvault create` gives its caller.
    auto vault = stack.call_as(stack.sp_token(), "GET",
                               "https://management.azure.com/subscriptions/" + stack.seed().subscription_id +
                                   "/resourceGroups/lab-rg/providers/Microsoft.KeyVault/vaults/labkv1?api-version=2023-02-01");
    REQUIRE(vault.status == 200);
    CHECK(vault.json()["properties"]["enabledForDiskEncryption"] == true);
    CHECK(vault.json()["properties"]["accessPolicies"].size() == 1);

    auto second = apply_all(stack, kLab);
    for (const auto& item : second.items()) {  // no structured binding: INFO captures, clang 14 cannot
      INFO(item.key());
      CHECK(item.value()["created"] == 0);
    }
    auto versions = stack.call_as(stack.sp_token("https://vault.azure.net/.default"), "GET",
                                  "https://labkv1.vault.azure.net/secrets/note/versions?api-version=7.4");
    CHECK(versions.json()["value"].size() == 1);
  }
  TEST_CASE("a changed secret value is set as a new version; a refused item names itself") {
    azemu::testing::TestStack stack;
    apply_all(stack, kLab);
    std::string changed = kLab;
    changed.replace(changed.find("\"v1\""), 4, "\"v2\"");
    CHECK(apply_all(stack, changed)["secrets"]["created"] == 1);
    try {
      apply_all(stack, R"({"vaults":[{"name":"-bad-","resourceGroup":"lab-rg"}]})");
      FAIL("accepted");
    } catch (const AzureError& e) {
      CHECK(e.message().rfind("vaults[0]: 400", 0) == 0);
    }
  }
}
