// The teaching UI's views of Resource Manager: the tree, operations, VMs with their instance view,
// vaults with policies and role assignments, deleted vaults with purge dates.
#include "fake-arm/teaching/teaching_view.hpp"

#include "tests/fake-arm/providers/compute/compute_test_helpers.hpp"
#include "tests/fake-arm/providers/keyvault/vaults/vault_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::testing;
using nlohmann::json;

TEST_SUITE("teaching_view") {
  TEST_CASE("cloud: subscription, providers, groups and resources with their provisioning state") {
    ComputeFixture f;
    REQUIRE(f.call("POST", f.sub_url("/providers/Microsoft.KeyVault/register")).status == 200);
    auto j = arm::teaching::cloud(f.stack.db());
    REQUIRE(j["subscriptions"].size() == 1);
    const auto& sub = j["subscriptions"][0];
    CHECK(sub["id"] == f.sub);
    CHECK(sub["providers"][0]["namespace"] == "microsoft.keyvault");
    CHECK(sub["providers"][0]["state"] == "Registered");
    REQUIRE(sub["groups"].size() == 1);
    CHECK(sub["groups"][0]["name"] == "rg");
    CHECK(sub["groups"][0]["resources"][0]["name"] == "nic1");
    CHECK(sub["groups"][0]["resources"][0]["provisioningState"] == "Succeeded");
    CHECK(j["operations"].is_array());
    CHECK(j["deployments"].is_array());
  }

  TEST_CASE("vms: the GET body with the instance view, the power state, never the admin password") {
    ComputeFixture f;
    json body = f.vm_body();
    body["properties"]["osProfile"]["adminPassword"] = "Sup3r-Secret-Pw!";
    REQUIRE(f.call("PUT", f.vm_url("myVM"), body.dump()).status / 100 == 2);
    auto j = arm::teaching::vms(f.stack.db(), f.stack.vms());
    REQUIRE(j["vms"].size() == 1);
    const auto& vm = j["vms"][0];
    CHECK(vm["name"] == "myVM");
    CHECK(vm["resourceGroup"] == "rg");
    CHECK(vm["powerState"] == "running");
    CHECK(vm["provisioningState"] == "Succeeded");
    CHECK(vm["instanceView"]["statuses"].is_array());
    CHECK(j.dump().find("Sup3r-Secret-Pw!") == std::string::npos);
  }

  TEST_CASE("vaults: settings and access policies, role assignments at the vault, deleted vaults with purge dates") {
    VaultFixture f;
    REQUIRE(f.create_vault("kv1").status == 201);
    REQUIRE(f.create_vault("kv2").status == 201);
    REQUIRE(f.call("DELETE", f.vault_url("kv2")).status == 200);
    auto j = arm::teaching::vaults(f.stack.db());
    REQUIRE(j["vaults"].size() == 1);
    CHECK(j["vaults"][0]["name"] == "kv1");
    CHECK(j["vaults"][0]["properties"]["enabledForDiskEncryption"] == true);
    CHECK(j["vaults"][0]["properties"]["accessPolicies"][0]["objectId"] == f.stack.seed().client_object_id);
    REQUIRE(j["deletedVaults"].size() == 1);
    CHECK(j["deletedVaults"][0]["name"] == "kv2");
    CHECK(j["deletedVaults"][0]["scheduledPurgeDate"].is_string());
  }

  TEST_CASE("role assignments name their role") {
    ArmFixture f;
    auto j = arm::teaching::role_assignments(f.stack.db());
    REQUIRE(j["roleAssignments"].size() >= 1);
    CHECK(j["roleAssignments"][0]["roleName"] == "Owner");
  }
}
