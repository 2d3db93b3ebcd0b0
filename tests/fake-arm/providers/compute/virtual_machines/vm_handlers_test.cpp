#include "fake-arm/providers/compute/virtual_machines/vm_handlers.hpp"

#include "tests/fake-arm/providers/compute/compute_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::testing;
using nlohmann::json;

namespace {
json status_codes(const json& view) {
  json codes = json::array();
  for (const auto& s : view["statuses"]) codes.push_back(s["code"]);
  return codes;
}
std::string power_of(ComputeFixture& f, const std::string& vm) {
  auto view = f.call("GET", f.vm_url(vm, "/instanceView")).json();
  for (const auto& s : view["statuses"])
    if (s["code"].get<std::string>().rfind("PowerState/", 0) == 0) return s["displayStatus"];
  return "";
}
}  // namespace

TEST_SUITE("vm_handlers") {
  TEST_CASE("PUT creates a VM as az vm create's template does: 201 + polling, implicit disks, NIC bound") {
    ComputeFixture f;
    auto r = f.create_vm("myVM", f.vm_body("nic1", f.one_empty_disk()));
    REQUIRE(r.status == 201);
    CHECK(r.header("retry-after") == "1");
    CHECK(r.header("location").find("/operationResults/") != std::string::npos);
    CHECK(r.json()["properties"]["provisioningState"] == "Creating");
    auto op = f.poll(r);
    CHECK(op["status"] == "Succeeded");

    auto vm = f.call("GET", f.vm_url("myVM")).json();
    CHECK(vm["type"] == "Microsoft.Compute/virtualMachines");
    CHECK(vm["location"] == "westus");
    auto p = vm["properties"];
    CHECK(p["provisioningState"] == "Succeeded");
    CHECK(p["vmId"].get<std::string>().size() == 36);
    CHECK(p["hardwareProfile"]["vmSize"] == "Standard_DS1_v2");
    CHECK(p["storageProfile"]["imageReference"]["exactVersion"] == "7.2.20160629");
    auto osd = p["storageProfile"]["osDisk"];
    CHECK(osd["osType"] == "Linux");
    CHECK(osd["createOption"] == "FromImage");
    CHECK(osd["name"].get<std::string>().rfind("myVM_OsDisk_1_", 0) == 0);
    CHECK(osd["name"].get<std::string>().size() == std::string("myVM_OsDisk_1_").size() + 32);
    CHECK(osd["managedDisk"]["storageAccountType"] == "Premium_LRS");  // DS1_v2 is premium-io
    CHECK(osd["managedDisk"]["id"].get<std::string>().find("/providers/Microsoft.Compute/disks/myVM_OsDisk_1_") != std::string::npos);
    CHECK(osd["deleteOption"] == "Detach");
    auto dd = p["storageProfile"]["dataDisks"][0];
    CHECK(dd["name"].get<std::string>().rfind("myVM_disk2_", 0) == 0);
    CHECK(dd["createOption"] == "Empty");
    CHECK(dd["diskSizeGB"] == 5);
    CHECK(dd["caching"] == "None");
    CHECK_FALSE(p["osProfile"].contains("adminPassword"));
    CHECK(p["osProfile"]["linuxConfiguration"]["provisionVMAgent"] == true);
    CHECK(p["networkProfile"]["networkInterfaces"][0]["properties"]["deleteOption"] == "Detach");
    CHECK_FALSE(p.contains("instanceView"));

    CHECK(f.nic_body("nic1")["properties"]["virtualMachine"]["id"] == vm["id"]);

    auto disks = f.call("GET", f.sub_url("/resourceGroups/rg/providers/Microsoft.Compute/disks", "2022-07-02")).json()["value"];
    REQUIRE(disks.size() == 2);
    for (const auto& d : disks) {
      CHECK(d["properties"]["diskState"] == "Attached");
      CHECK(d["managedBy"] == vm["id"]);
      CHECK(d["properties"]["encryption"]["type"] == "EncryptionAtRestWithPlatformKey");
      CHECK_FALSE(d["properties"].contains("encryptionSettingsCollection"));
    }
  }

  TEST_CASE("GET $expand=instanceView and /instanceView: every status has a code, PowerState/running, guestless agent") {
    ComputeFixture f;
    f.create_vm("vm1", f.vm_body("nic1", f.one_empty_disk()));
    auto vm = f.call("GET", f.vm_url("vm1") + "&$expand=instanceView").json();
    auto view = vm["properties"]["instanceView"];
    CHECK(status_codes(view) == json{"ProvisioningState/succeeded", "PowerState/running"});
    CHECK(view["statuses"][1]["displayStatus"] == "VM running");
    CHECK(view["computerName"] == "myVM");
    CHECK(view["vmAgent"]["vmAgentVersion"] == "guestless");
    CHECK(view["vmAgent"]["statuses"][0]["code"] == "ProvisioningState/succeeded");
    CHECK(view["vmAgent"]["statuses"][0]["displayStatus"] == "Ready");
    REQUIRE(view["disks"].size() == 2);
    CHECK(view["disks"][0]["statuses"][0]["code"] == "ProvisioningState/succeeded");
    auto direct = f.call("GET", f.vm_url("vm1", "/instanceView"));
    CHECK(direct.status == 200);
    CHECK(status_codes(direct.json()) == status_codes(view));
  }

  TEST_CASE("create errors: unknown size, unknown image, missing NIC, bad computer name, missing VM") {
    ComputeFixture f;
    auto body = f.vm_body();
    body["properties"]["hardwareProfile"]["vmSize"] = "Standard_Nope";
    auto r = f.create_vm("vm1", body);
    CHECK(r.status == 400);
    CHECK(r.json()["error"]["code"] == "InvalidParameter");
    CHECK(r.json()["error"]["target"] == "vmSize");
    CHECK(r.json()["error"]["message"].get<std::string>().find("The requested VM size Standard_Nope is not available") == 0);

    body = f.vm_body();
    body["properties"]["storageProfile"]["imageReference"]["sku"] = "6.0";
    r = f.create_vm("vm1", body);
    CHECK(r.status == 404);
    CHECK(r.json()["error"]["code"] == "PlatformImageNotFound");
    CHECK(r.json()["error"]["message"].get<std::string>().find("'OpenLogic:CentOS:6.0:7.2.20160629'") != std::string::npos);

    r = f.create_vm("vm1", f.vm_body("no-such-nic"));
    CHECK(r.status == 400);
    CHECK(r.json()["error"]["code"] == "InvalidResourceReference");

    body = f.vm_body();
    body["properties"]["osProfile"]["computerName"] = "bad_name";
    r = f.create_vm("vm1", body);
    CHECK(r.status == 400);
    CHECK(r.json()["error"]["target"] == "computerName");

    // Nothing was left behind by the failed PUTs.
    CHECK(f.call("GET", f.vm_url("vm1")).json()["error"]["code"] == "ResourceNotFound");
    CHECK(f.call("GET", f.sub_url("/resourceGroups/rg/providers/Microsoft.Compute/disks", "2022-07-02")).json()["value"].empty());
    CHECK_FALSE(f.nic_body("nic1")["properties"].contains("virtualMachine"));
  }

  TEST_CASE("a second VM cannot take a NIC in use") {
    ComputeFixture f;
    f.create_vm("vm1", f.vm_body());
    auto r = f.create_vm("vm2", f.vm_body());
    CHECK(r.status == 400);
    CHECK(r.json()["error"]["code"] == "NicInUse");
  }

  TEST_CASE("update PUT without imageReference keeps it; attach --new, detach, disk delete rules") {
    ComputeFixture f;
    f.create_vm("vm1", f.vm_body("nic1", f.one_empty_disk()));
    // What az's set_vm sends (az-wire §4.11): the model read back, imageReference dropped, a new disk.
    auto model = f.call("GET", f.vm_url("vm1")).json();
    model["properties"]["storageProfile"].erase("imageReference");
    model["properties"]["storageProfile"]["dataDisks"].push_back(
        {{"lun", 1}, {"name", "d2"}, {"createOption", "Empty"}, {"diskSizeGB", 5}, {"managedDisk", json::object()}});
    auto r = f.call("PUT", f.vm_url("vm1"), model.dump());
    REQUIRE(r.status == 200);
    CHECK(f.poll(r)["status"] == "Succeeded");
    auto vm = f.call("GET", f.vm_url("vm1")).json();
    CHECK(vm["properties"]["storageProfile"]["imageReference"]["publisher"] == "OpenLogic");
    auto dds = vm["properties"]["storageProfile"]["dataDisks"];
    REQUIRE(dds.size() == 2);
    CHECK(dds[1]["name"] == "d2");
    CHECK(dds[1]["managedDisk"]["id"].get<std::string>().find("/disks/d2") != std::string::npos);
    CHECK(dds[1]["managedDisk"]["storageAccountType"] == "Premium_LRS");
    auto d2 = f.call("GET", f.disk_url("d2")).json();
    CHECK(d2["properties"]["diskState"] == "Attached");
    CHECK(d2["properties"]["diskSizeGB"] == 5);
    CHECK(d2["properties"]["diskSizeBytes"] == 5LL * 1024 * 1024 * 1024);

    auto del = f.call("DELETE", f.disk_url("d2"));
    CHECK(del.status == 409);
    CHECK(del.json()["error"]["code"] == "OperationNotAllowed");
    CHECK(del.json()["error"]["message"] == "Disk d2 is attached to VM " + vm["id"].get<std::string>() + ".");

    // Detach: the disk leaves dataDisks; the resource stays, Unattached.
    vm["properties"]["storageProfile"]["dataDisks"].erase(1);
    r = f.call("PUT", f.vm_url("vm1"), vm.dump());
    CHECK(f.poll(r)["status"] == "Succeeded");
    d2 = f.call("GET", f.disk_url("d2")).json();
    CHECK(d2["properties"]["diskState"] == "Unattached");
    CHECK_FALSE(d2.contains("managedBy"));
    CHECK(f.call("GET", f.vm_url("vm1")).json()["properties"]["storageProfile"]["dataDisks"].size() == 1);
    CHECK(f.call("DELETE", f.disk_url("d2")).status == 200);
    CHECK(f.call("GET", f.disk_url("d2")).status == 404);
  }

  TEST_CASE("an existing disk is attached with createOption Attach; a taken name is ConflictingUserInput") {
    ComputeFixture f;
    REQUIRE(f.call("PUT", f.disk_url("data1"),
                   R"({"location":"westus","sku":{"name":"Standard_LRS"},"properties":{"creationData":{"createOption":"Empty"},"diskSizeGB":8}})")
                .status == 201);
    auto body = f.vm_body("nic1", json::array({{{"lun", 3}, {"createOption", "Attach"},
                                                {"managedDisk", {{"id", "/subscriptions/" + f.sub + "/resourceGroups/rg/providers/Microsoft.Compute/disks/data1"}}}}}));
    auto r = f.create_vm("vm1", body);
    REQUIRE(r.status == 201);
    auto dd = f.call("GET", f.vm_url("vm1")).json()["properties"]["storageProfile"]["dataDisks"][0];
    CHECK(dd["name"] == "data1");
    CHECK(dd["lun"] == 3);
    CHECK(dd["diskSizeGB"] == 8);
    CHECK(dd["managedDisk"]["storageAccountType"] == "Standard_LRS");

    f.add_nic("nic2");
    auto clash = f.create_vm("vm2", f.vm_body("nic2", json::array({{{"lun", 0}, {"name", "data1"}, {"createOption", "Empty"}, {"diskSizeGB", 1}}})));
    CHECK(clash.status == 409);
    CHECK(clash.json()["error"]["code"] == "ConflictingUserInput");
  }

  TEST_CASE("power operations move PowerState; restart and runCommand need a running VM") {
    ComputeFixture f;
    f.create_vm("vm1", f.vm_body());
    auto r = f.call("POST", f.vm_url("vm1", "/powerOff"));
    CHECK(r.status == 202);
    CHECK_FALSE(r.header("azure-asyncoperation").empty());
    CHECK(f.poll(r)["status"] == "Succeeded");
    CHECK(power_of(f, "vm1") == "VM stopped");
    CHECK(f.call("POST", f.vm_url("vm1", "/start")).status == 202);
    CHECK(power_of(f, "vm1") == "VM running");
    CHECK(f.call("POST", f.vm_url("vm1", "/deallocate")).status == 202);
    CHECK(power_of(f, "vm1") == "VM deallocated");
    auto view = f.call("GET", f.vm_url("vm1", "/instanceView")).json();
    CHECK_FALSE(view.contains("vmAgent"));

    auto restart = f.call("POST", f.vm_url("vm1", "/restart"));
    CHECK(restart.status == 409);
    CHECK(restart.json()["error"]["code"] == "OperationNotAllowed");
    auto run = f.call("POST", f.vm_url("vm1", "/runCommand"), R"({"commandId":"RunShellScript","script":["echo hi"]})");
    CHECK(run.status == 409);

    CHECK(f.call("POST", f.vm_url("vm1", "/start")).status == 202);
    r = f.call("POST", f.vm_url("vm1", "/restart"));
    CHECK(f.poll(r)["status"] == "Succeeded");
    CHECK(power_of(f, "vm1") == "VM running");
    CHECK(f.call("POST", f.vm_url("vm1", "/redeploy")).status == 202);
    CHECK(power_of(f, "vm1") == "VM running");
  }

  TEST_CASE("runCommand on the guestless runtime answers, via the Location URL, that there is no guest") {
    ComputeFixture f;
    f.create_vm("vm1", f.vm_body());
    auto r = f.call("POST", f.vm_url("vm1", "/runCommand"), R"({"commandId":"RunShellScript","script":["echo hi"]})");
    REQUIRE(r.status == 202);
    auto result = f.call("GET", r.header("location"));
    REQUIRE(result.status == 200);
    auto v = result.json()["value"][0];
    CHECK(v["code"] == "ProvisioningState/failed");
    CHECK(v["message"] ==
          "Enable failed: failed to execute command: command terminated with exit status=1\n[stdout]\n\n[stderr]\n"
          "no guest: azemu runs this VM without a guest (guestless runtime)");
    auto bad = f.call("POST", f.vm_url("vm1", "/runCommand"), R"({"commandId":"RunPowerShellScript"})");
    CHECK(bad.status == 400);
    CHECK(bad.json()["error"]["code"] == "InvalidParameter");
  }

  TEST_CASE("list by group and subscription; statusOnly carries instance views") {
    ComputeFixture f;
    f.create_vm("vm1", f.vm_body());
    auto by_group = f.call("GET", f.sub_url("/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines", "2022-11-01")).json();
    REQUIRE(by_group["value"].size() == 1);
    CHECK_FALSE(by_group["value"][0]["properties"].contains("instanceView"));
    auto all = f.call("GET", f.sub_url("/providers/Microsoft.Compute/virtualMachines?statusOnly=true", "2022-11-01")).json();
    REQUIRE(all["value"].size() == 1);
    CHECK(all["value"][0]["properties"]["instanceView"]["statuses"][1]["code"] == "PowerState/running");
  }

  TEST_CASE("DELETE honours deleteOption: Delete removes the OS disk, Detach keeps the data disk; the NIC is freed") {
    ComputeFixture f;
    auto body = f.vm_body("nic1", f.one_empty_disk());
    body["properties"]["storageProfile"]["osDisk"]["deleteOption"] = "Delete";
    f.create_vm("vm1", body);
    auto vm = f.call("GET", f.vm_url("vm1")).json();
    const std::string os_name = vm["properties"]["storageProfile"]["osDisk"]["name"];
    const std::string data_name = vm["properties"]["storageProfile"]["dataDisks"][0]["name"];
    auto r = f.call("DELETE", f.vm_url("vm1"));
    REQUIRE(r.status == 202);
    CHECK(f.poll(r)["status"] == "Succeeded");
    CHECK(f.call("GET", f.vm_url("vm1")).status == 404);
    CHECK(f.call("GET", f.disk_url(os_name)).status == 404);
    auto data = f.call("GET", f.disk_url(data_name)).json();
    CHECK(data["properties"]["diskState"] == "Unattached");
    CHECK_FALSE(f.nic_body("nic1")["properties"].contains("virtualMachine"));
    CHECK(f.call("DELETE", f.vm_url("vm1")).status == 204);
  }

  TEST_CASE("PATCH merges onto the model (tags) and keeps the rest") {
    ComputeFixture f;
    f.create_vm("vm1", f.vm_body());
    auto r = f.call("PATCH", f.vm_url("vm1"), R"({"tags":{"env":"test"}})");
    CHECK(r.status == 200);
    auto vm = f.call("GET", f.vm_url("vm1")).json();
    CHECK(vm["tags"]["env"] == "test");
    CHECK(vm["properties"]["hardwareProfile"]["vmSize"] == "Standard_DS1_v2");
    auto change = f.call("PATCH", f.vm_url("vm1"), R"({"properties":{"osProfile":{"adminUsername":"other"}}})");
    CHECK(change.status == 409);
    CHECK(change.json()["error"]["code"] == "PropertyChangeNotAllowed");
  }
}
