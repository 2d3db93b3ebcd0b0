#include "fake-arm/providers/keyvault/vaults/vault_handlers.hpp"

#include "tests/fake-arm/providers/keyvault/vaults/vault_test_helpers.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace azemu;
using namespace azemu::testing;
using nlohmann::json;

TEST_SUITE("vault_handlers") {
  TEST_CASE("PUT creates a vault (201, Succeeded, no polling) with the 2022-07-01 shape") {
    VaultFixture f;
    auto r = f.create_vault("MyVault1");
    REQUIRE(r.status == 201);
    CHECK(r.header("azure-asyncoperation").empty());
    auto j = r.json();
    CHECK(j["id"] == "/subscriptions/" + f.sub + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/MyVault1");
    CHECK(j["name"] == "MyVault1");
    CHECK(j["type"] == "Microsoft.KeyVault/vaults");
    CHECK(j["location"] == "westus");
    CHECK(j["tags"] == json::object());
    CHECK(j["systemData"]["createdByType"] == "Application");
    auto p = j["properties"];
    CHECK(p["sku"] == json{{"family", "A"}, {"name", "standard"}});
    CHECK(p["tenantId"] == f.stack.seed().tenant_id);
    CHECK(p["vaultUri"] == "https://myvault1.vault.azure.net/");
    CHECK(p["enabledForDiskEncryption"] == true);
    CHECK(p["enabledForDeployment"] == false);
    CHECK(p["enabledForTemplateDeployment"] == false);
    CHECK(p["enableRbacAuthorization"] == false);
    CHECK(p["enableSoftDelete"] == true);
    CHECK(p["softDeleteRetentionInDays"] == 90);
    CHECK_FALSE(p.contains("enablePurgeProtection"));
    CHECK(p["provisioningState"] == "Succeeded");
    CHECK(p["publicNetworkAccess"] == "Enabled");
    CHECK(p["networkAcls"]["bypass"] == "AzureServices");
    CHECK(p["accessPolicies"].size() == 1);
    CHECK(p["accessPolicies"][0]["objectId"] == f.stack.seed().client_object_id);
    CHECK_FALSE(p["accessPolicies"][0].contains("applicationId"));
    CHECK(p["accessPolicies"][0]["permissions"]["keys"] == json{"all"});

    auto again = f.create_vault("myvault1", f.body({{"enabledForDeployment", true}}));
    CHECK(again.status == 200);
    CHECK(again.json()["name"] == "MyVault1");
    CHECK(again.json()["properties"]["enabledForDeployment"] == true);

    auto got = f.call("GET", f.vault_url("MYVAULT1"));
    CHECK(got.status == 200);
    CHECK(got.json()["properties"]["enabledForDeployment"] == true);
  }

  TEST_CASE("vaultUri follows the cloud-mode management host") {
    VaultFixture f;
    f.create_vault("kv-cloud");
    auto url = f.vault_url("kv-cloud");
    url.replace(0, kArm.size(), "https://management.azemu.localhost:8443");
    auto r = f.call("GET", url);
    REQUIRE(r.status == 200);
    CHECK(r.json()["properties"]["vaultUri"] == "https://kv-cloud.vault.azemu.localhost:8443/");
  }

  TEST_CASE("vault names: rules, global uniqueness, names held by deleted vaults") {
    VaultFixture f;
    SUBCASE("invalid names are VaultNameNotValid") {
      for (const std::string& bad : std::vector<std::string>{"ab", "1abc", "abc-", "a--b", "abc_d", std::string(25, 'a')}) {
        CAPTURE(bad);
        auto r = f.create_vault(bad);
        CHECK(r.status == 400);
        CHECK(r.json()["error"]["code"] == "VaultNameNotValid");
      }
      CHECK(f.create_vault(std::string(24, 'a')).status == 201);
      CHECK(f.create_vault("a-1").status == 201);
    }
    SUBCASE("a name used in another group is VaultAlreadyExists") {
      f.create_group("other");
      REQUIRE(f.create_vault("kv1").status == 201);
      auto r = f.create_vault("KV1", f.body(), "other");
      CHECK(r.status == 409);
      CHECK(r.json()["error"]["code"] == "VaultAlreadyExists");
      CHECK(r.json()["error"]["message"].get<std::string>().starts_with("The vault name 'KV1' is already in use."));
    }
    SUBCASE("a name held by a deleted vault is ConflictError") {
      REQUIRE(f.create_vault("kv1").status == 201);
      REQUIRE(f.call("DELETE", f.vault_url("kv1")).status == 200);
      auto r = f.create_vault("kv1");
      CHECK(r.status == 409);
      CHECK(r.json()["error"]["code"] == "ConflictError");
      CHECK(r.json()["error"]["message"].get<std::string>().starts_with(
          "A vault with the same name already exists in deleted state. You need to either recover or purge existing key vault."));
    }
  }

  TEST_CASE("PUT validation") {
    VaultFixture f;
    auto code = [&](const json& b) {
      auto r = f.create_vault("kv1", b);
      CHECK(r.status >= 400);
      return r.json()["error"]["code"].get<std::string>();
    };
    json no_loc = f.body();
    no_loc.erase("location");
    CHECK(code(no_loc) == "LocationRequired");
    json moon = f.body();
    moon["location"] = "moon";
    CHECK(code(moon) == "LocationNotAvailableForResourceType");
    json no_tenant = f.body();
    no_tenant["properties"].erase("tenantId");
    CHECK(code(no_tenant) == "BadRequest");
    json no_sku = f.body();
    no_sku["properties"].erase("sku");
    CHECK(code(no_sku) == "BadRequest");
    CHECK(code(f.body({{"sku", {{"family", "A"}, {"name", "gold"}}}})) == "BadRequest");
    CHECK(code(f.body({{"enableSoftDelete", false}})) == "BadRequest");
    CHECK(code(f.body({{"enablePurgeProtection", false}})) == "BadRequest");
    CHECK(code(f.body({{"softDeleteRetentionInDays", 6}})) == "BadRequest");
    CHECK(code(f.body({{"softDeleteRetentionInDays", 91}})) == "BadRequest");
    CHECK(code(f.body({{"enabledForDiskEncryption", "yes"}})) == "InvalidRequestContent");
    CHECK(code(f.body({{"createMode", "sideways"}})) == "BadRequest");
    auto missing_group = f.create_vault("kv1", f.body(), "nogroup");
    CHECK(missing_group.status == 404);
    CHECK(missing_group.json()["error"]["code"] == "ResourceGroupNotFound");
  }

  TEST_CASE("permission names are validated case-insensitively and stored as given") {
    VaultFixture f;
    json b = f.body();
    b["properties"]["accessPolicies"][0]["permissions"] = {{"keys", {"WrapKey", "unwrapkey", "GET"}}, {"secrets", {"Set"}}};
    auto ok = f.create_vault("kv1", b);
    REQUIRE(ok.status == 201);
    CHECK(ok.json()["properties"]["accessPolicies"][0]["permissions"]["keys"] == json{"WrapKey", "unwrapkey", "GET"});
    CHECK(ok.json()["properties"]["accessPolicies"][0]["permissions"]["certificates"] == json::array());

    b["properties"]["accessPolicies"][0]["permissions"] = {{"secrets", {"get", "fly"}}};
    auto bad = f.create_vault("kv2", b);
    CHECK(bad.status == 400);
    CHECK(bad.json()["error"]["message"] == "Invalid value found at accessPolicies[0].permissions.secrets[1]: fly");
  }

  TEST_CASE("soft delete stays on, purge protection is irreversible, retention is fixed") {
    VaultFixture f;
    REQUIRE(f.create_vault("kv1", f.body({{"enablePurgeProtection", true}, {"softDeleteRetentionInDays", 7}})).status == 201);
    SUBCASE("PUT without the flag keeps purge protection") {
      auto r = f.create_vault("kv1", f.body({{"softDeleteRetentionInDays", 7}}));
      CHECK(r.status == 200);
      CHECK(r.json()["properties"]["enablePurgeProtection"] == true);
    }
    SUBCASE("turning it off is refused by PUT and PATCH") {
      auto put = f.create_vault("kv1", f.body({{"enablePurgeProtection", false}}));
      CHECK(put.status == 400);
      CHECK(put.json()["error"]["message"].get<std::string>().find("enablePurgeProtection") != std::string::npos);
      auto patch = f.call("PATCH", f.vault_url("kv1"), R"({"properties":{"enablePurgeProtection":false}})");
      CHECK(patch.status == 400);
      auto off = f.call("PATCH", f.vault_url("kv1"), R"({"properties":{"enableSoftDelete":false}})");
      CHECK(off.status == 400);
    }
    SUBCASE("retention cannot change") {
      auto r = f.call("PATCH", f.vault_url("kv1"), R"({"properties":{"softDeleteRetentionInDays":30}})");
      CHECK(r.status == 400);
      CHECK(r.json()["error"]["message"].get<std::string>().find("softDeleteRetentionInDays") != std::string::npos);
    }
  }

  TEST_CASE("PATCH changes only the fields given; location moves are refused") {
    VaultFixture f;
    REQUIRE(f.create_vault("kv1").status == 201);
    auto r = f.call("PATCH", f.vault_url("kv1"),
                    R"({"tags":{"env":"dev"},"properties":{"enableRbacAuthorization":true,"sku":{"family":"A","name":"Premium"}}})");
    REQUIRE(r.status == 200);
    auto p = r.json()["properties"];
    CHECK(r.json()["tags"]["env"] == "dev");
    CHECK(p["enableRbacAuthorization"] == true);
    CHECK(p["sku"]["name"] == "premium");
    CHECK(p["enabledForDiskEncryption"] == true);  // untouched
    CHECK(p["accessPolicies"].size() == 1);
    CHECK(f.stack.vaults().find("KV1")->enable_rbac_authorization);

    json moved = f.body();
    moved["location"] = "eastus";
    auto m = f.create_vault("kv1", moved);
    CHECK(m.status == 409);
    CHECK(m.json()["error"]["code"] == "InvalidResourceLocation");

    auto missing = f.call("PATCH", f.vault_url("nope"), R"({"tags":{}})");
    CHECK(missing.status == 404);
  }

  TEST_CASE("GET of a missing vault is ARM's ResourceNotFound") {
    VaultFixture f;
    auto r = f.call("GET", f.vault_url("kv-missing"));
    CHECK(r.status == 404);
    CHECK(r.json()["error"]["code"] == "ResourceNotFound");
    CHECK(r.json()["error"]["message"].get<std::string>().starts_with(
        "The Resource 'Microsoft.KeyVault/vaults/kv-missing' under resource group 'rg' was not found."));
    auto g = f.call("GET", f.vault_url("kv-missing", "nogroup"));
    CHECK(g.json()["error"]["code"] == "ResourceGroupNotFound");
  }

  TEST_CASE("list by group and by subscription; /resources sees vaults") {
    VaultFixture f;
    f.create_group("rg2");
    f.create_vault("kv1");
    f.create_vault("kv2", f.body(), "rg2");
    auto by_group = f.call("GET", f.sub_url("/resourceGroups/rg/providers/Microsoft.KeyVault/vaults", "2022-07-01"));
    REQUIRE(by_group.status == 200);
    CHECK(by_group.json()["value"].size() == 1);
    CHECK(by_group.json()["value"][0]["name"] == "kv1");
    auto by_sub = f.call("GET", f.sub_url("/providers/Microsoft.KeyVault/vaults", "2022-07-01"));
    REQUIRE(by_sub.status == 200);
    CHECK(by_sub.json()["value"].size() == 2);
    CHECK(by_sub.json()["value"][1]["properties"]["vaultUri"] == "https://kv2.vault.azure.net/");
    auto top = f.call("GET", f.sub_url("/providers/Microsoft.KeyVault/vaults?$top=1", "2022-07-01"));
    CHECK(top.json()["value"].size() == 1);
    CHECK(top.json().contains("nextLink"));
    auto generic = f.call("GET", f.sub_url("/resources?$filter=resourceType%20eq%20'Microsoft.KeyVault/vaults'", "2015-11-01"));
    REQUIRE(generic.status == 200);
    CHECK(generic.json()["value"].size() == 2);
  }

  TEST_CASE("delete soft-deletes; deleted vaults are listed, read, recovered and purged") {
    VaultFixture f;
    REQUIRE(f.create_vault("kv1", f.body({{"softDeleteRetentionInDays", 7}, {"enabledForDeployment", true}})).status == 201);
    const auto t0 = f.stack.clock().now_unix();
    auto del = f.call("DELETE", f.vault_url("kv1"));
    CHECK(del.status == 200);
    CHECK(f.call("DELETE", f.vault_url("kv1")).status == 204);
    CHECK(f.call("GET", f.vault_url("kv1")).status == 404);
    CHECK_FALSE(f.stack.vaults().find("kv1"));

    auto list = f.call("GET", f.sub_url("/providers/Microsoft.KeyVault/deletedVaults", "2022-07-01"));
    REQUIRE(list.status == 200);
    REQUIRE(list.json()["value"].size() == 1);
    auto d = f.call("GET", f.deleted_url("kv1"));
    REQUIRE(d.status == 200);
    auto j = d.json();
    CHECK(j["id"] == "/subscriptions/" + f.sub + "/providers/Microsoft.KeyVault/locations/westus/deletedVaults/kv1");
    CHECK(j["type"] == "Microsoft.KeyVault/deletedVaults");
    CHECK(j["properties"]["vaultId"] == "/subscriptions/" + f.sub + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1");
    CHECK(j["properties"]["location"] == "westus");
    CHECK(j["properties"]["deletionDate"] == exec::iso8601(t0));
    CHECK(j["properties"]["scheduledPurgeDate"] == exec::iso8601(t0 + 7 * 86400));
    CHECK(j["properties"]["purgeProtectionEnabled"] == false);
    CHECK(f.call("GET", f.deleted_url("kv1", "eastus")).status == 404);

    SUBCASE("recover restores the same properties") {
      json rec = {{"location", "westus"},
                  {"properties", {{"tenantId", f.stack.seed().tenant_id}, {"sku", {{"family", "A"}, {"name", "standard"}}},
                                  {"createMode", "recover"}}}};
      auto r = f.create_vault("kv1", rec);
      REQUIRE(r.status == 201);
      CHECK(r.json()["properties"]["enabledForDeployment"] == true);
      CHECK(r.json()["properties"]["softDeleteRetentionInDays"] == 7);
      CHECK(r.json()["properties"]["accessPolicies"].size() == 1);
      CHECK(f.call("GET", f.deleted_url("kv1")).status == 404);
      CHECK(f.stack.vaults().find("kv1"));
    }
    SUBCASE("recover without a deleted vault") {
      auto r = f.create_vault("kv9", f.body({{"createMode", "recover"}}));
      CHECK(r.status == 404);
      CHECK(r.json()["error"]["code"] == "SoftDeletedVaultDoesNotExist");
    }
    SUBCASE("purge is an LRO that frees the name") {
      auto p = f.call("POST", f.deleted_url("kv1", "westus", "/purge"));
      CHECK(p.status == 202);
      CHECK(p.header("retry-after") == "1");
      REQUIRE_FALSE(p.header("location").empty());
      auto poll = f.call("GET", p.header("location"));
      CHECK(poll.status / 100 == 2);
      CHECK(poll.status != 202);
      CHECK(f.call("GET", f.deleted_url("kv1")).status == 404);
      CHECK(f.create_vault("kv1").status == 201);
    }
    SUBCASE("after the scheduled purge date the name is free") {
      f.stack.clock().advance(std::chrono::seconds(7 * 86400));
      f.token = f.stack.mint();  // the old one expired meanwhile
      auto gone = f.call("GET", f.deleted_url("kv1"));
      INFO(gone.body);
      CHECK(gone.status == 404);
      CHECK(f.create_vault("kv1").status == 201);
    }
  }

  TEST_CASE("purge is refused under purge protection") {
    VaultFixture f;
    REQUIRE(f.create_vault("kv1", f.body({{"enablePurgeProtection", true}})).status == 201);
    REQUIRE(f.call("DELETE", f.vault_url("kv1")).status == 200);
    CHECK(f.call("GET", f.deleted_url("kv1")).json()["properties"]["purgeProtectionEnabled"] == true);
    auto p = f.call("POST", f.deleted_url("kv1", "westus", "/purge"));
    CHECK(p.status == 405);
    CHECK(p.json()["error"]["code"] == "MethodNotAllowed");
    CHECK(p.json()["error"]["message"] == "Operation 'DeletedVaultPurge' is not allowed.");
    CHECK(f.call("POST", f.deleted_url("nothere", "westus", "/purge")).status == 404);
  }

  TEST_CASE("deleting the resource group soft-deletes its vaults") {
    VaultFixture f;
    REQUIRE(f.create_vault("kv1").status == 201);
    auto del = f.call("DELETE", f.sub_url("/resourcegroups/rg"));
    CHECK(del.status == 202);
    CHECK_FALSE(f.stack.vaults().find("kv1"));
    CHECK(f.call("GET", f.deleted_url("kv1")).status == 200);
  }

  TEST_CASE("checkNameAvailability") {
    VaultFixture f;
    f.create_vault("kv1");
    auto check = [&](const std::string& name) {
      auto r = f.call("POST", f.sub_url("/providers/Microsoft.KeyVault/checkNameAvailability", "2022-07-01"),
                      json{{"name", name}, {"type", "Microsoft.KeyVault/vaults"}}.dump());
      REQUIRE(r.status == 200);
      return r.json();
    };
    CHECK(check("kv-free") == json{{"nameAvailable", true}});
    auto taken = check("KV1");
    CHECK(taken["nameAvailable"] == false);
    CHECK(taken["reason"] == "AlreadyExists");
    auto invalid = check("a--b");
    CHECK(invalid["reason"] == "AccountNameInvalid");
    f.call("DELETE", f.vault_url("kv1"));
    CHECK(check("kv1")["reason"] == "AlreadyExists");
    auto wrong_type = f.call("POST", f.sub_url("/providers/Microsoft.KeyVault/checkNameAvailability", "2022-07-01"),
                             R"({"name":"x1x","type":"Microsoft.Storage/storageAccounts"})");
    CHECK(wrong_type.status == 400);
  }

  TEST_CASE("accessPolicies add, remove, replace") {
    VaultFixture f;
    REQUIRE(f.create_vault("kv1").status == 201);
    const std::string tid = f.stack.seed().tenant_id;
    const std::string other = "11111111-2222-3333-4444-555555555555";
    auto op = [&](const std::string& kind, const json& policies) {
      return f.call("PUT", f.vault_url("kv1", "rg", "/accessPolicies/" + kind), json{{"properties", {{"accessPolicies", policies}}}}.dump());
    };
    auto policies = [&] { return f.call("GET", f.vault_url("kv1")).json()["properties"]["accessPolicies"]; };

    auto add = op("add", json::array({{{"tenantId", tid}, {"objectId", other}, {"permissions", {{"keys", {"get", "wrapKey"}}}}}}));
    REQUIRE(add.status == 200);
    CHECK(add.json()["name"] == "add");
    CHECK(add.json()["type"] == "Microsoft.KeyVault/vaults/accessPolicies");
    CHECK(add.json()["properties"]["accessPolicies"].size() == 1);
    CHECK(policies().size() == 2);

    op("add", json::array({{{"tenantId", tid}, {"objectId", other}, {"permissions", {{"keys", {"GET", "unwrapKey"}}, {"secrets", {"get"}}}}}}));
    auto ps = policies();
    REQUIRE(ps.size() == 2);
    CHECK(ps[1]["permissions"]["keys"] == json{"get", "wrapKey", "unwrapKey"});
    CHECK(ps[1]["permissions"]["secrets"] == json{"get"});

    op("remove", json::array({{{"tenantId", tid}, {"objectId", other}, {"permissions", {{"keys", {"wrapkey"}}}}}}));
    CHECK(policies()[1]["permissions"]["keys"] == json{"get", "unwrapKey"});
    CHECK(f.stack.vaults().find("kv1")->access_policies[1].keys == std::vector<std::string>{"get", "unwrapKey"});

    op("remove", json::array({{{"tenantId", tid}, {"objectId", other}, {"permissions", {{"keys", {"get", "unwrapKey"}}, {"secrets", {"get"}}}}}}));
    CHECK(policies().size() == 1);

    auto rep = op("Replace", json::array({{{"tenantId", tid}, {"objectId", other}, {"applicationId", other}, {"permissions", {{"storage", {"get"}}}}}}));
    REQUIRE(rep.status == 200);
    ps = policies();
    REQUIRE(ps.size() == 1);
    CHECK(ps[0]["applicationId"] == other);

    CHECK(op("merge", json::array()).status == 400);
    CHECK(op("add", json::array({{{"tenantId", tid}, {"objectId", other}, {"permissions", {{"keys", {"fly"}}}}}})).status == 400);
    CHECK(f.call("PUT", f.vault_url("nope", "rg", "/accessPolicies/add"), R"({"properties":{"accessPolicies":[]}})").status == 404);
  }

  TEST_CASE("set-policy round trip: the GET body PUT back unchanged is accepted") {
    VaultFixture f;
    auto created = f.create_vault("kv1").json();
    created["properties"]["accessPolicies"].push_back(
        {{"tenantId", f.stack.seed().tenant_id}, {"objectId", "abc"}, {"permissions", {{"keys", {"all"}}, {"secrets", {"all"}}}}});
    auto r = f.create_vault("kv1", created);
    CHECK(r.status == 200);
    CHECK(r.json()["properties"]["accessPolicies"].size() == 2);
  }

  TEST_CASE("every vault call is audited with Azure's operation names") {
    VaultFixture f;
    f.create_vault("kv1");
    f.call("GET", f.vault_url("kv1"));
    f.call("GET", f.vault_url("nothere"));
    f.call("PATCH", f.vault_url("kv1"), R"({"tags":{}})");
    f.call("DELETE", f.vault_url("kv1"));
    f.call("GET", f.deleted_url("kv1"));
    f.create_vault("kv1", f.body({{"createMode", "recover"}}));
    f.call("DELETE", f.vault_url("kv1"));
    f.call("POST", f.deleted_url("kv1", "westus", "/purge"));
    auto events = f.stack.audit().list("kv1");
    std::vector<std::string> ops;
    for (const auto& e : events) ops.push_back(e.operation_name);
    CHECK(ops == std::vector<std::string>{"VaultPut", "VaultGet", "VaultPatch", "VaultDelete", "VaultGetDeleted",
                                          "VaultRecover", "VaultDelete", "VaultPurge"});
    CHECK(events[0].result_type == "Success");
    CHECK(events[0].http_status_code == 201);
    CHECK(events[0].operation_version == "2022-07-01");
    CHECK(events[0].resource_id.find("/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/KV1") != std::string::npos);
    CHECK(events[0].identity["claim"]["appid"] == f.stack.seed().client_id);
    auto missing = f.stack.audit().list("nothere");
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].result_type == "NotFound");
    CHECK(missing[0].http_status_code == 404);
  }

  TEST_CASE("callers without a role are refused") {
    VaultFixture f;
    f.create_vault("kv1");
    auto stranger = f.stack.mint({{"oid", "99999999-0000-4000-8000-000000000000"}});
    auto r = f.stack.call_as(stranger, "GET", f.vault_url("kv1"));
    CHECK(r.status == 403);
    CHECK(r.json()["error"]["code"] == "AuthorizationFailed");
    CHECK(r.json()["error"]["message"].get<std::string>().find("Microsoft.KeyVault/vaults/read") != std::string::npos);
  }
}
