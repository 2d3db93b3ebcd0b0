// fuzz_arm_bodies: JSON bodies of ARM's PUT/PATCH/POST routes (fake-arm/mount.cpp and the provider
// tables it mounts), one route per input (tests/fuzz/support/route_body_fuzzer.hpp). The stack holds
// a group "rg", vault "fuzzkv", network vnet1/subnet1 + nic1 and a guestless VM vm1, so bodies that
// name them reach the providers' semantics rather than NotFound.
#include "tests/fuzz/support/route_body_fuzzer.hpp"

namespace {
using namespace azemu::fuzz;

const std::string kSub = "https://management.azure.com/subscriptions/" + azemu::testing::test_seed().subscription_id;
const std::string kRg = kSub + "/resourceGroups/rg/providers";

std::string arm(const std::string& path, const char* api) { return path + "?api-version=" + api; }

const std::vector<BodyRoute> kRoutes = {
    {"PUT", arm(kSub + "/resourcegroups/rg2", "2021-04-01")},                                               // A
    {"PATCH", arm(kSub + "/resourcegroups/rg", "2021-04-01")},                                              // B
    {"PUT", arm(kRg + "/Microsoft.KeyVault/vaults/kv2", "2022-07-01")},                                     // C
    {"PATCH", arm(kRg + "/Microsoft.KeyVault/vaults/fuzzkv", "2022-07-01")},                                // D
    {"PUT", arm(kRg + "/Microsoft.KeyVault/vaults/fuzzkv/accessPolicies/add", "2022-07-01")},               // E
    {"POST", arm(kSub + "/providers/Microsoft.KeyVault/checkNameAvailability", "2022-07-01")},              // F
    {"PUT", arm(kRg + "/Microsoft.Compute/virtualMachines/vm2", "2022-11-01")},                             // G
    {"PATCH", arm(kRg + "/Microsoft.Compute/virtualMachines/vm1", "2022-11-01")},                           // H
    {"POST", arm(kRg + "/Microsoft.Compute/virtualMachines/vm1/runCommand", "2022-11-01")},                 // I
    {"PUT", arm(kRg + "/Microsoft.Compute/virtualMachines/vm1/extensions/ade", "2022-11-01")},              // J
    {"PUT", arm(kRg + "/Microsoft.Compute/disks/d1", "2022-07-02")},                                        // K
    {"PATCH", arm(kRg + "/Microsoft.Compute/disks/vm1_OsDisk", "2022-07-02")},                              // L
    {"PUT", arm(kRg + "/Microsoft.Resources/deployments/d1", "2021-04-01")},                                // M
    {"POST", arm(kRg + "/Microsoft.Resources/deployments/d1/validate", "2021-04-01")},                      // N
    {"PUT", arm(kSub + "/providers/Microsoft.Resources/deployments/sd1", "2021-04-01")},                    // O
    {"PUT", arm(kRg + "/Microsoft.Network/virtualNetworks/vnet2", "2022-07-01")},                           // P
    {"PUT", arm(kRg + "/Microsoft.Network/virtualNetworks/vnet1/subnets/s2", "2022-07-01")},                // Q
    {"PUT", arm(kRg + "/Microsoft.Network/networkSecurityGroups/nsg1", "2022-07-01")},                      // R
    {"PUT", arm(kRg + "/Microsoft.Network/networkSecurityGroups/nsg1/securityRules/r1", "2022-07-01")},     // S
    {"PUT", arm(kRg + "/Microsoft.Network/publicIPAddresses/ip1", "2022-07-01")},                           // T
    {"PUT", arm(kRg + "/Microsoft.Network/networkInterfaces/nic2", "2022-07-01")},                          // U
    {"PUT", arm(kSub + "/resourcegroups/rg/providers/Microsoft.Authorization/roleAssignments/"
                       "3f2b1c0e-0000-4000-8000-000000000001", "2022-04-01")},                              // V
    {"PUT", arm(kSub + "/providers/Microsoft.Authorization/roleDefinitions/"
                       "3f2b1c0e-0000-4000-8000-000000000002", "2022-04-01")},                              // W
    {"PUT", arm(kRg + "/Microsoft.Storage/storageAccounts/sa1", "2022-09-01")},                             // X
    {"PATCH", arm(kRg + "/Microsoft.Network/networkSecurityGroups/nsg1", "2022-07-01")},                    // Y
    {"PATCH", arm(kRg + "/Microsoft.Compute/virtualMachines/vm1/extensions/ade", "2022-11-01")},            // Z
};

void setup(FuzzStack& s) {
  setup_call(s, Audience::arm, "PUT", arm(kRg + "/Microsoft.Network/virtualNetworks/vnet1", "2022-07-01"),
             R"({"location":"westus","properties":{"addressSpace":{"addressPrefixes":["10.0.0.0/16"]},)"
             R"("subnets":[{"name":"subnet1","properties":{"addressPrefix":"10.0.0.0/24"}}]}})");
  setup_call(s, Audience::arm, "PUT", arm(kRg + "/Microsoft.Network/networkInterfaces/nic1", "2022-07-01"),
             R"({"location":"westus","properties":{"ipConfigurations":[{"name":"ipconfig1","properties":{"subnet":{"id":")" +
                 kRg.substr(std::string("https://management.azure.com").size()) +
                 R"(/Microsoft.Network/virtualNetworks/vnet1/subnets/subnet1"}}}]}})");
  setup_call(s, Audience::arm, "PUT", arm(kRg + "/Microsoft.Compute/virtualMachines/vm1", "2022-11-01"),
             R"({"location":"westus","properties":{"hardwareProfile":{"vmSize":"Standard_DS1_v2"},)"
             R"("networkProfile":{"networkInterfaces":[{"id":")" + kRg.substr(std::string("https://management.azure.com").size()) +
                 R"(/Microsoft.Network/networkInterfaces/nic1"}]},)"
             R"("storageProfile":{"osDisk":{"createOption":"fromImage","name":"vm1_OsDisk"},)"
             R"("imageReference":{"publisher":"OpenLogic","offer":"CentOS","sku":"7.2n","version":"7.2.20160629"}},)"
             R"("osProfile":{"computerName":"vm1","adminUsername":"azureuser","adminPassword":"Passw0rd!Passw0rd"}}})");
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  quiet_logs();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Never destroyed: the store keeps per-thread connections in thread_local maps that exit() tears
  // down before static objects, so a static stack would touch freed memory on its way out.
  static FuzzStack& stack = *new FuzzStack(setup);
  fuzz_route_body(stack, kRoutes, data, size);
  return 0;
}
