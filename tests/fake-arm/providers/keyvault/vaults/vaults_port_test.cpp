#include "fake-arm/mount.hpp"

#include "tests/fake-arm/providers/keyvault/vaults/vault_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::testing;
using nlohmann::json;

TEST_SUITE("vaults_port") {
  TEST_CASE("find returns the active vault's settings and access policies, any case") {
    VaultFixture f;
    CHECK_FALSE(f.stack.vaults().find("kv1"));
    REQUIRE(f.create_vault("KV1", f.body({{"enablePurgeProtection", true}, {"softDeleteRetentionInDays", 30}})).status == 201);
    auto v = f.stack.vaults().find("kv1");
    REQUIRE(v);
    CHECK(v->name == "kv1");
    CHECK(v->resource_id == "/subscriptions/" + f.sub + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/KV1");
    CHECK(v->subscription_id == f.sub);
    CHECK(v->location == "westus");
    CHECK(v->tenant_id == f.stack.seed().tenant_id);
    CHECK(v->sku == "standard");
    CHECK(v->enabled_for_disk_encryption);
    CHECK_FALSE(v->enabled_for_deployment);
    CHECK(v->purge_protection);
    CHECK(v->soft_delete_retention_days == 30);
    REQUIRE(v->access_policies.size() == 1);
    CHECK(v->access_policies[0].object_id == f.stack.seed().client_object_id);
    CHECK(v->access_policies[0].keys == std::vector<std::string>{"all"});
  }

  TEST_CASE("data actions come from role assignments, inherited from the subscription") {
    VaultFixture f;
    REQUIRE(f.create_vault("kv1", f.body({{"enableRbacAuthorization", true}})).status == 201);
    const std::string user = f.stack.seed().admin_object_id;
    const std::string vault = f.stack.vaults().find("kv1")->resource_id;
    CHECK_FALSE(f.stack.vaults().data_action_allowed(user, "Microsoft.KeyVault/vaults/secrets/getSecret/action", vault));

    // Key Vault Secrets User at the group.
    auto r = f.call("PUT",
                    f.sub_url("/resourceGroups/rg/providers/Microsoft.Authorization/roleAssignments/"
                              "6d4e5f00-0000-4000-8000-000000000001", "2022-04-01"),
                    json{{"properties",
                          {{"roleDefinitionId", "/subscriptions/" + f.sub +
                                                    "/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"},
                           {"principalId", user}}}}
                        .dump());
    REQUIRE(r.status == 201);
    CHECK(f.stack.vaults().data_action_allowed(user, "Microsoft.KeyVault/vaults/secrets/getSecret/action", vault));
    CHECK(f.stack.vaults().data_action_allowed(user, "Microsoft.KeyVault/vaults/secrets/getSecret/action", vault + "/secrets/s1"));
    CHECK_FALSE(f.stack.vaults().data_action_allowed(user, "Microsoft.KeyVault/vaults/keys/unwrap/action", vault));
    // Owner ("*" actions) grants no data actions.
    CHECK_FALSE(f.stack.vaults().data_action_allowed(f.stack.seed().client_object_id,
                                                     "Microsoft.KeyVault/vaults/secrets/getSecret/action", vault));
  }
}
