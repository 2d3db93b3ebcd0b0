// ARM operation names from method and path, as fault rules match them.
#include "emulator/http/arm_operation.hpp"

#include <doctest/doctest.h>

using azemu::http::arm_operation_name;

TEST_SUITE("arm_operation") {
  TEST_CASE("resource writes, deletes, reads and actions get RBAC's operation names") {
    const std::string vm = "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/vm1";
    CHECK(arm_operation_name("PUT", vm) == "Microsoft.Compute/virtualMachines/write");
    CHECK(arm_operation_name("PATCH", vm) == "Microsoft.Compute/virtualMachines/write");
    CHECK(arm_operation_name("DELETE", vm) == "Microsoft.Compute/virtualMachines/delete");
    CHECK(arm_operation_name("GET", vm) == "Microsoft.Compute/virtualMachines/read");
    CHECK(arm_operation_name("POST", vm + "/start") == "Microsoft.Compute/virtualMachines/start/action");
    CHECK(arm_operation_name("PUT", vm + "/extensions/ade") == "Microsoft.Compute/virtualMachines/extensions/write");
    CHECK(arm_operation_name("GET", "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines") ==
          "Microsoft.Compute/virtualMachines/read");
  }
  TEST_CASE("resource groups and subscriptions are Microsoft.Resources operations") {
    CHECK(arm_operation_name("PUT", "/subscriptions/s/resourcegroups/g") == "Microsoft.Resources/subscriptions/resourceGroups/write");
    CHECK(arm_operation_name("DELETE", "/subscriptions/s/resourceGroups/g") == "Microsoft.Resources/subscriptions/resourceGroups/delete");
    CHECK(arm_operation_name("GET", "/subscriptions/s") == "Microsoft.Resources/subscriptions/read");
    CHECK(arm_operation_name("PUT", "/subscriptions/s/resourcegroups/g/providers/Microsoft.Resources/deployments/d") ==
          "Microsoft.Resources/deployments/write");
  }
  TEST_CASE("paths that are not ARM resources have no name") {
    CHECK(arm_operation_name("GET", "/metadata/endpoints") == "");
    CHECK(arm_operation_name("GET", "/") == "");
  }
}
