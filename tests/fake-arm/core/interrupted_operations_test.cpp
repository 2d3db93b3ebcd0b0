// Start-up recovery: an operation a previous process left InProgress polls as Failed with the
// provider's code, and its resource leaves Creating for Failed; finished operations stay as they are.
#include "fake-arm/core/interrupted_operations.hpp"

#include "fake-arm/core/resource_store.hpp"
#include "tests/fake-arm/arm_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::arm;
using namespace azemu::testing;

TEST_SUITE("interrupted_operations") {
  TEST_CASE("an InProgress Compute operation fails with InternalExecutionError and its VM becomes Failed") {
    ArmFixture f;
    AsyncOperations ops(f.stack.clock());
    const std::string vm_id = "/subscriptions/" + f.sub + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";
    f.create_group("rg");
    auto [running, done] = f.stack.db().write([&](store::Connection& c) {
      ResourceStore store;
      StoredResource r;
      r.id = *ResourceId::parse(vm_id);
      r.type = "Microsoft.Compute/virtualMachines";
      r.location = "westus";
      r.body = {{"name", "vm1"}, {"properties", {{"provisioningState", "Creating"}}}};
      store.put(c, r);
      auto a = ops.start(c, {f.sub, "Microsoft.Compute", "westus", "virtualMachineCreate", vm_id});
      auto b = ops.start(c, {f.sub, "Microsoft.Compute", "westus", "virtualMachineCreate", vm_id});
      ops.succeed(c, b.id);
      return std::pair{a, b};
    });
    CHECK(f.stack.db().write([&](store::Connection& c) { return fail_interrupted_operations(c, ops, f.stack.clock()); }) == 1);
    auto status = f.call("GET", kArm + "/subscriptions/" + f.sub + "/providers/Microsoft.Compute/locations/westus/operations/" +
                                    running.id + "?api-version=2022-11-01");
    CHECK(status.json()["status"] == "Failed");
    CHECK(status.json()["error"]["code"] == "InternalExecutionError");
    auto finished = f.stack.db().read([&](store::Connection& c) { return ops.get(c, f.sub, done.id); });
    REQUIRE(finished);
    CHECK(finished->status == OperationStatus::succeeded);
    auto vm = f.stack.db().read([&](store::Connection& c) { return ResourceStore().get(c, *ResourceId::parse(vm_id)); });
    REQUIRE(vm);
    CHECK(vm->body["properties"]["provisioningState"] == "Failed");
  }
}
