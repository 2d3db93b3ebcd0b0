// failLro: a rule on an ARM operation makes the LRO a direct PUT started end Failed after N polls,
// with the resource's provisioningState Failed; inside a deployment the resource fails the deployment.
#include "fake-arm/core/operation_faults.hpp"

#include "emulator/http/fault_rules.hpp"
#include "tests/fake-arm/providers/compute/compute_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::testing;

namespace {
void add_rule(TestStack& stack, const nlohmann::json& j) { stack.faults().add(http::fault_rule_from_json(j)); }
}  // namespace

TEST_SUITE("operation_faults") {
  TEST_CASE("a failLro rule on virtualMachines/write fails a directly PUT VM on the second poll") {
    ComputeFixture f;
    add_rule(f.stack, {{"operation", "Microsoft.Compute/virtualMachines/write"},
                       {"failLro", {{"code", "OSProvisioningTimedOut"}, {"message", "Injected timeout."}, {"afterPolls", 2}}}});
    auto created = f.create_vm("vm1", f.vm_body());
    REQUIRE(created.status == 201);
    // The guestless work is already done (InlineJobs), yet the first poll still says InProgress.
    auto first = f.poll(created);
    CHECK(first["status"] == "InProgress");
    auto second = f.poll(created);
    CHECK(second["status"] == "Failed");
    CHECK(second["error"]["code"] == "OSProvisioningTimedOut");
    CHECK(second["error"]["message"] == "Injected timeout.");
    auto vm = f.call("GET", f.vm_url("vm1")).json();
    CHECK(vm["properties"]["provisioningState"] == "Failed");
    // The operationResults URL answers the same error; later polls keep it.
    auto result = f.call("GET", created.header("location"));
    CHECK(result.json()["error"]["code"] == "OSProvisioningTimedOut");
    CHECK(f.poll(created)["status"] == "Failed");
    CHECK(f.stack.faults().list()[0].hits == 1);
  }

  TEST_CASE("the rule does not match other operations, and a second VM is untouched once its count is used") {
    ComputeFixture f;
    f.add_nic("nic2");
    add_rule(f.stack, {{"operation", "Microsoft.Compute/virtualMachines/delete"}, {"count", 1},
                       {"failLro", {{"code", "Boom"}}}});
    auto created = f.create_vm("vm1", f.vm_body());
    CHECK(f.poll(created)["status"] == "Succeeded");
    auto deleted = f.call("DELETE", f.vm_url("vm1"));
    REQUIRE(deleted.status == 202);
    CHECK(f.poll(deleted)["status"] == "Failed");
    CHECK(f.create_vm("vm2", f.vm_body("nic2")).status == 201);
    auto del2 = f.call("DELETE", f.vm_url("vm2"));
    CHECK(f.poll(del2)["status"] == "Succeeded");
  }

  TEST_CASE("a VM created by a template deployment fails the deployment with the injected error") {
    ComputeFixture f;
    add_rule(f.stack, {{"operation", "Microsoft.Compute/virtualMachines/write"},
                       {"failLro", {{"code", "OSProvisioningTimedOut"}, {"message", "Injected in a deployment."}}}});
    nlohmann::json vm = f.vm_body();
    vm["type"] = "Microsoft.Compute/virtualMachines";
    vm["apiVersion"] = "2022-11-01";
    vm["name"] = "vmd";
    nlohmann::json body = {{"properties",
                            {{"mode", "Incremental"},
                             {"template", {{"$schema", "https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#"},
                                           {"contentVersion", "1.0.0.0"},
                                           {"resources", nlohmann::json::array({vm})}}}}}};
    auto put = f.call("PUT", f.sub_url("/resourcegroups/rg/providers/Microsoft.Resources/deployments/d1", "2022-09-01"), body.dump());
    REQUIRE(put.status == 201);
    auto dep = f.call("GET", f.sub_url("/resourcegroups/rg/providers/Microsoft.Resources/deployments/d1", "2022-09-01")).json();
    CHECK(dep["properties"]["provisioningState"] == "Failed");
    CHECK(dep["properties"]["error"]["details"][0]["code"] == "OSProvisioningTimedOut");
    CHECK(dep["properties"]["error"]["details"][0]["message"] == "Injected in a deployment.");
    CHECK(f.call("GET", f.vm_url("vmd")).json()["properties"]["provisioningState"] == "Failed");
  }

  TEST_CASE("a failLro rule that names a path never matches inside a deployment") {
    http::FaultRules rules;
    rules.add(http::fault_rule_from_json({{"operation", "Microsoft.Compute/virtualMachines/write"}, {"path", "*"},
                                          {"failLro", {{"code", "X"}}}}));
    CHECK_FALSE(rules.match_lro("Microsoft.Compute/virtualMachines/write", auth::Principal{}));
  }
}
