#include "fake-arm/providers/compute/extensions/extension_handlers.hpp"

#include "fake-arm/providers/compute/extensions/extension_model.hpp"
#include "tests/fake-arm/providers/compute/compute_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::testing;
using nlohmann::json;

namespace {
/// The body `az vm encryption enable` (AAD, dual-pass) sends (az-wire §4.8).
json ade_body() {
  return {{"location", "westus"},
          {"properties",
           {{"publisher", "Microsoft.Azure.Security"},
            {"type", "AzureDiskEncryptionForLinux"},
            {"typeHandlerVersion", "0.1"},
            {"autoUpgradeMinorVersion", true},
            {"settings", {{"VolumeType", "ALL"}, {"EncryptionOperation", "EnableEncryption"}, {"SequenceVersion", "s1"}}},
            {"protectedSettings", {{"AADClientSecret", "top-secret"}}}}}};
}
}  // namespace

TEST_SUITE("extension_handlers") {
  TEST_CASE("PUT runs the extension (guestless report), GET hides protectedSettings, instanceView passes the report through") {
    ComputeFixture f;
    f.create_vm("vm1", f.vm_body());
    auto r = f.call("PUT", f.ext_url("vm1", "AzureDiskEncryptionForLinux"), ade_body().dump());
    REQUIRE(r.status == 201);
    CHECK(r.json()["properties"]["provisioningState"] == "Creating");
    CHECK(f.poll(r)["status"] == "Succeeded");

    auto got = f.call("GET", f.ext_url("vm1", "AzureDiskEncryptionForLinux")).json();
    CHECK(got["type"] == "Microsoft.Compute/virtualMachines/extensions");
    CHECK(got["properties"]["provisioningState"] == "Succeeded");
    CHECK(got["properties"]["settings"]["VolumeType"] == "ALL");
    CHECK_FALSE(got["properties"].contains("protectedSettings"));
    // Azure's plain GET has no instanceView (azure-cli recording test_vm_extension_instance_name.yaml,
    // api-version 2024-11-01); it is also the final result az 2.74's extension PUT poller reads.
    CHECK_FALSE(got["properties"].contains("instanceView"));
    CHECK(r.body.find("top-secret") == std::string::npos);

    auto view = f.call("GET", f.ext_url("vm1", "AzureDiskEncryptionForLinux") + "&$expand=instanceView").json()["properties"]["instanceView"];
    CHECK(view["type"] == "Microsoft.Azure.Security.AzureDiskEncryptionForLinux");
    CHECK(view["typeHandlerVersion"] == "0.1");
    CHECK(view["statuses"][0]["code"] == "ProvisioningState/succeeded");
    CHECK(view["statuses"][0]["message"] == "guestless runtime: no handler ran");

    // The VM embeds the extension in resources[] and its instance view lists it.
    auto vm = f.call("GET", f.vm_url("vm1") + "&$expand=instanceView").json();
    REQUIRE(vm["resources"].size() == 1);
    CHECK(vm["resources"][0]["properties"]["publisher"] == "Microsoft.Azure.Security");
    CHECK(vm["properties"]["instanceView"]["extensions"][0]["name"] == "AzureDiskEncryptionForLinux");
    CHECK(vm["properties"]["instanceView"]["vmAgent"]["extensionHandlers"][0]["type"] ==
          "Microsoft.Azure.Security.AzureDiskEncryptionForLinux");

    auto list = f.call("GET", f.vm_url("vm1", "/extensions")).json();
    CHECK(list["value"].size() == 1);

    auto del = f.call("DELETE", f.ext_url("vm1", "AzureDiskEncryptionForLinux"));
    CHECK(del.status == 202);
    CHECK(f.poll(del)["status"] == "Succeeded");
    CHECK(f.call("GET", f.ext_url("vm1", "AzureDiskEncryptionForLinux")).status == 404);
    CHECK_FALSE(f.call("GET", f.vm_url("vm1")).json().contains("resources"));
    CHECK(f.call("DELETE", f.ext_url("vm1", "AzureDiskEncryptionForLinux")).status == 204);
  }

  TEST_CASE("a form-encoded extension body (az 2.74's `vm encryption enable`, azure-cli #31885) is Azure's 400") {
    ComputeFixture f;
    f.create_vm("vm1", f.vm_body());
    // What azure-core sends when json.dumps fails on a uuid.UUID in the settings.
    const std::string form = "location=westus&properties=%7B%27publisher%27%3A+%27Microsoft.Azure.Security%27%7D";
    auto r = f.call("PUT", f.ext_url("vm1", "AzureDiskEncryptionForLinux"), form);
    CHECK(r.status == 400);
    CHECK(r.json()["error"]["code"] == "InvalidRequestContent");
    CHECK(r.json()["error"]["message"].get<std::string>().rfind("The request content was invalid and could not be deserialized", 0) == 0);
    CHECK(f.call("GET", f.ext_url("vm1", "AzureDiskEncryptionForLinux")).status == 404);
  }

  TEST_CASE("the sequence number grows only when what the handler sees changes") {
    ComputeFixture f;
    f.create_vm("vm1", f.vm_body());
    auto url = f.ext_url("vm1", "ade");
    f.call("PUT", url, ade_body().dump());
    auto seq = [&] { return f.stack.vms().extension_status(f.call("GET", f.vm_url("vm1")).json()["properties"]["vmId"], "ade")->sequence_number; };
    CHECK(seq() == 0);
    CHECK(f.call("PUT", url, ade_body().dump()).status == 200);
    CHECK(seq() == 0);
    auto changed = ade_body();
    changed["properties"]["settings"]["SequenceVersion"] = "s2";
    f.call("PUT", url, changed.dump());
    CHECK(seq() == 1);
    auto secret_only = changed;
    secret_only["properties"]["protectedSettings"]["AADClientSecret"] = "rotated";
    f.call("PUT", url, secret_only.dump());
    CHECK(seq() == 2);
  }

  TEST_CASE("extension errors: missing publisher, unknown VM, stopped VM") {
    ComputeFixture f;
    f.create_vm("vm1", f.vm_body());
    auto body = ade_body();
    body["properties"].erase("publisher");
    auto r = f.call("PUT", f.ext_url("vm1", "x"), body.dump());
    CHECK(r.status == 400);
    CHECK(r.json()["error"]["code"] == "InvalidParameter");
    CHECK(f.call("PUT", f.ext_url("nope", "x"), ade_body().dump()).json()["error"]["code"] == "ResourceNotFound");
    f.call("POST", f.vm_url("vm1", "/deallocate"));
    auto stopped = f.call("PUT", f.ext_url("vm1", "x"), ade_body().dump());
    CHECK(stopped.status == 409);
    CHECK(stopped.json()["error"]["message"] == "Cannot modify extensions in the VM when the VM is not running.");
  }
}

TEST_SUITE("extension_json") {
  TEST_CASE("an ADE report becomes the instance view az reads: secret URL in statuses[0], JSON in substatuses[0]") {
    arm::compute::Extension e;
    e.id = *arm::ResourceId::parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm/extensions/ade");
    e.properties = {{"publisher", "Microsoft.Azure.Security"}, {"type", "AzureDiskEncryptionForLinux"}, {"typeHandlerVersion", "0.1"}};
    ports::ExtensionReport r;
    r.sequence_number = 1;
    r.status = "success";
    r.message = "https://kv.vault.azure.net/secrets/bek/0123";
    r.substatus = json::array({{{"name", "Microsoft.Azure.Security.AzureDiskEncryptionForLinux"},
                                {"status", "success"},
                                {"code", 0},
                                {"formattedMessage", {{"lang", "en-US"}, {"message", R"({"os": "VMRestartPending", "data": "Encrypted"})"}}}}});
    auto view = arm::compute::extension_instance_view(e, r);
    CHECK(view["statuses"][0]["message"] == "https://kv.vault.azure.net/secrets/bek/0123");
    CHECK(view["substatuses"][0]["code"] == "ComponentStatus/Microsoft.Azure.Security.AzureDiskEncryptionForLinux/succeeded");
    CHECK(json::parse(view["substatuses"][0]["message"].get<std::string>())["os"] == "VMRestartPending");
    r.status = "error";
    CHECK(arm::compute::extension_instance_view(e, r)["statuses"][0]["code"] == "ProvisioningState/failed");
    CHECK_FALSE(arm::compute::extension_instance_view(e, std::nullopt).contains("statuses"));
  }
}
