// Shared helpers for Microsoft.Compute http tests: a group "rg" with a NIC (stored directly in
// arm_resources, as Microsoft.Network would store it), URL builders, and the VM body `az vm create`
// puts in its template (az-wire §4.7). The stack's runtime is the guestless one with InlineJobs,
// so every operation is finished when the call returns.
#pragma once

#include "fake-arm/core/resource_store.hpp"
#include "tests/fake-arm/arm_test_helpers.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace azemu::testing {

struct ComputeFixture : ArmFixture {
  static constexpr const char* kApi = "2022-11-01";
  ComputeFixture() {
    create_group("rg");
    add_nic("nic1");
  }

  void add_nic(const std::string& name, const std::string& location = "westus") {
    auto id = arm::ResourceId::resource(sub, "rg", "Microsoft.Network", "networkInterfaces", name);
    nlohmann::json body = {{"id", id.str()}, {"name", name}, {"type", "Microsoft.Network/networkInterfaces"},
                           {"location", location},
                           {"properties", {{"provisioningState", "Succeeded"}, {"ipConfigurations", nlohmann::json::array()}}}};
    stack.db().write([&](store::Connection& c) {
      arm::ResourceStore().put(c, {id, "Microsoft.Network/networkInterfaces", location, nlohmann::json::object(), body, 1, 1});
    });
  }
  nlohmann::json nic_body(const std::string& name) {
    auto id = arm::ResourceId::resource(sub, "rg", "Microsoft.Network", "networkInterfaces", name);
    return stack.db().read([&](store::Connection& c) { return arm::ResourceStore().get(c, id)->body; });
  }
  std::string nic_id(const std::string& name) const {
    return "/subscriptions/" + sub + "/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/" + name;
  }
  std::string vm_url(const std::string& name, const std::string& rest = "") const {
    return sub_url("/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/" + name + rest, kApi);
  }
  std::string disk_url(const std::string& name) const {
    return sub_url("/resourceGroups/rg/providers/Microsoft.Compute/disks/" + name, "2022-07-02");
  }
  std::string ext_url(const std::string& vm, const std::string& name, const std::string& rest = "") const {
    return vm_url(vm, "/extensions/" + name + rest);
  }
  nlohmann::json vm_body(const std::string& nic = "nic1", nlohmann::json data_disks = nlohmann::json::array()) const {
    return {{"location", "westus"},
            {"tags", nlohmann::json::object()},
            {"properties",
             {{"hardwareProfile", {{"vmSize", "Standard_DS1_v2"}}},
              {"networkProfile", {{"networkInterfaces", {{{"id", nic_id(nic)}, {"properties", {{"deleteOption", nullptr}}}}}}}},
              {"storageProfile",
               {{"osDisk", {{"createOption", "fromImage"}, {"name", nullptr}, {"caching", "ReadWrite"},
                            {"managedDisk", {{"storageAccountType", nullptr}}}}},
                {"imageReference", {{"publisher", "OpenLogic"}, {"offer", "CentOS"}, {"sku", "7.2n"}, {"version", "7.2.20160629"}}},
                {"dataDisks", data_disks}}},
              {"osProfile",
               {{"computerName", "myVM"},
                {"adminUsername", "azureuser"},
                {"linuxConfiguration",
                 {{"disablePasswordAuthentication", true},
                  {"ssh", {{"publicKeys", {{{"keyData", "ssh-rsa AAAAB3Nza user@host\n"},
                                            {"path", "/home/azureuser/.ssh/authorized_keys"}}}}}}}}}}}}};
  }
  nlohmann::json one_empty_disk(int size = 5) const {
    return nlohmann::json::array({{{"lun", 0}, {"managedDisk", {{"storageAccountType", nullptr}}}, {"createOption", "empty"}, {"diskSizeGB", size}}});
  }
  Response create_vm(const std::string& name, const nlohmann::json& body) { return call("PUT", vm_url(name), body.dump()); }
  /// Follows an Azure-AsyncOperation URL once (InlineJobs: the operation is already done).
  nlohmann::json poll(const Response& r) {
    auto url = r.header("azure-asyncoperation");
    return call("GET", url).json();
  }
};

}  // namespace azemu::testing
