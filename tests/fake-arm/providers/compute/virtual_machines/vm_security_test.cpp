// Trusted Launch as az 2.74 asks for it on Gen2 images (securityProfile {securityType, uefiSettings}):
// stored and returned as given, the OS disk and the instance view say Gen2/TrustedLaunch, and CRP's
// refusals for a Gen1 image and a Gen1-only size.
#include "fake-arm/providers/compute/virtual_machines/vm_security.hpp"

#include "tests/fake-arm/providers/compute/compute_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::testing;
using nlohmann::json;

namespace {
const json kTrustedLaunch = {{"securityType", "TrustedLaunch"},
                             {"uefiSettings", {{"secureBootEnabled", true}, {"vTpmEnabled", true}}}};

json gen2_body(ComputeFixture& f) {
  auto body = f.vm_body();
  body["properties"]["storageProfile"]["imageReference"] =
      json{{"publisher", "OpenLogic"}, {"offer", "CentOS"}, {"sku", "7_9-gen2"}, {"version", "latest"}};
  body["properties"]["securityProfile"] = kTrustedLaunch;
  return body;
}
}  // namespace

TEST_SUITE("vm_security") {
  TEST_CASE("a Trusted Launch VM on a Gen2 image: profile kept, OS disk marked TrustedLaunch/V2, instance view V2") {
    ComputeFixture f;
    auto r = f.create_vm("tl", gen2_body(f));
    REQUIRE(r.status == 201);
    auto vm = f.call("GET", f.vm_url("tl")).json();
    CHECK(vm["properties"]["securityProfile"] == kTrustedLaunch);

    const std::string disk_id = vm["properties"]["storageProfile"]["osDisk"]["managedDisk"]["id"];
    auto disk = f.call("GET", kArm + disk_id + "?api-version=2023-04-02").json();
    CHECK(disk["properties"]["hyperVGeneration"] == "V2");
    CHECK(disk["properties"]["securityProfile"] == json{{"securityType", "TrustedLaunch"}});

    CHECK(f.call("GET", f.vm_url("tl", "/instanceView")).json()["hyperVGeneration"] == "V2");

    // The model PUT back as read (az's set_vm) keeps the profile.
    auto again = f.call("PUT", f.vm_url("tl"), vm.dump());
    CHECK(again.status == 200);
    CHECK(f.call("GET", f.vm_url("tl")).json()["properties"]["securityProfile"] == kTrustedLaunch);
    // An update that leaves the profile out keeps it: the security type is fixed at creation.
    vm["properties"].erase("securityProfile");
    CHECK(f.call("PUT", f.vm_url("tl"), vm.dump()).status == 200);
    CHECK(f.call("GET", f.vm_url("tl")).json()["properties"]["securityProfile"] == kTrustedLaunch);
  }

  TEST_CASE("a Standard VM on a Gen1 image: no disk security profile, instance view V1; securityType cased as CRP's") {
    ComputeFixture f;
    auto body = f.vm_body();
    body["properties"]["securityProfile"] = {{"securityType", "standard"}};
    REQUIRE(f.create_vm("std", body).status == 201);
    auto vm = f.call("GET", f.vm_url("std")).json();
    CHECK(vm["properties"]["securityProfile"]["securityType"] == "Standard");
    const std::string disk_id = vm["properties"]["storageProfile"]["osDisk"]["managedDisk"]["id"];
    auto disk = f.call("GET", kArm + disk_id + "?api-version=2023-04-02").json();
    CHECK(disk["properties"]["hyperVGeneration"] == "V1");
    CHECK_FALSE(disk["properties"].contains("securityProfile"));
    CHECK(f.call("GET", f.vm_url("std", "/instanceView")).json()["hyperVGeneration"] == "V1");
  }

  TEST_CASE("refusals: TrustedLaunch on a Gen1 image, on a Gen1-only size, an unknown security type; nothing is left") {
    ComputeFixture f;
    auto body = f.vm_body();  // OpenLogic CentOS 7.2n: Gen1, no SecurityType feature
    body["properties"]["securityProfile"] = kTrustedLaunch;
    auto r = f.create_vm("vm1", body);
    CHECK(r.status == 400);
    CHECK(r.json()["error"]["code"] == "BadRequest");
    CHECK(r.json()["error"]["message"] ==
          "Use of TrustedLaunch setting is not supported for the provided image. Please select Trusted Launch Supported "
          "Gen2 OS Image. For more information, see https://aka.ms/TrustedLaunch-FAQ.");

    body = gen2_body(f);
    body["properties"]["hardwareProfile"]["vmSize"] = "Standard_A1_v2";
    r = f.create_vm("vm1", body);
    CHECK(r.status == 400);
    CHECK(r.json()["error"]["code"] == "BadRequest");
    CHECK(r.json()["error"]["message"].get<std::string>().find(
              "The VM size 'Standard_A1_v2' is not supported for creation of VMs and Virtual Machine Scale Set with "
              "'TrustedLaunch' security type.") == 0);

    body = gen2_body(f);
    body["properties"]["securityProfile"]["securityType"] = "Shielded";
    r = f.create_vm("vm1", body);
    CHECK(r.status == 400);
    CHECK(r.json()["error"]["code"] == "InvalidParameter");

    CHECK(f.call("GET", f.vm_url("vm1")).status == 404);
    CHECK(f.call("GET", f.sub_url("/resourceGroups/rg/providers/Microsoft.Compute/disks", "2022-07-02")).json()["value"].empty());
  }

  TEST_CASE("apply_security_profile: the disk profile it returns, and no profile at all") {
    auto image = arm::compute::find_image("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-gen2", "latest");
    REQUIRE(image);
    const auto* size = arm::compute::find_vm_size("Standard_D2s_v5");
    REQUIRE(size);
    json p = {{"securityProfile", {{"securityType", "trustedlaunch"}}}};
    CHECK(arm::compute::apply_security_profile(p, &*image, *size) == json{{"securityType", "TrustedLaunch"}});
    CHECK(p["securityProfile"]["securityType"] == "TrustedLaunch");
    json none = json::object();
    CHECK(arm::compute::apply_security_profile(none, &*image, *size).is_null());
    CHECK(none == json::object());
  }
}
