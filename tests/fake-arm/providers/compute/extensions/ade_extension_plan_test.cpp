// The platform's checks around an ADE extension PUT (ade_extension_plan.hpp) through the HTTP
// surface on the guestless runtime: a refused request fails the extension with
// VMExtensionProvisioningError and the reason; a fit vault passes; other extensions are untouched.
#include "fake-arm/providers/compute/extensions/ade_extension_plan.hpp"

#include "fake-arm/core/resource_store.hpp"
#include "tests/fake-arm/providers/compute/compute_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::testing;
using nlohmann::json;

namespace {
json ade_body(const std::string& vault_url, const std::string& version = "1.1") {
  json settings = {{"KeyVaultURL", vault_url}, {"VolumeType", "DATA"}, {"EncryptionOperation", "EnableEncryption"},
                   {"KeyEncryptionAlgorithm", "RSA-OAEP"}, {"SequenceVersion", "s1"}};
  if (version == "0.1") settings["AADClientID"] = "11111111-0000-4000-8000-00000000000a";
  return {{"location", "westus"},
          {"properties", {{"publisher", "Microsoft.Azure.Security"}, {"type", "AzureDiskEncryptionForLinux"},
                          {"typeHandlerVersion", version}, {"settings", settings}}}};
}

/// A vault row as Microsoft.KeyVault stores it (only what the checks read).
void add_vault(ComputeFixture& f, const std::string& name, const std::string& location, bool for_disk_encryption) {
  auto id = arm::ResourceId::resource(f.sub, "rg", "Microsoft.KeyVault", "vaults", name);
  json body = {{"id", id.str()}, {"name", name}, {"type", "Microsoft.KeyVault/vaults"}, {"location", location},
               {"properties", {{"enabledForDiskEncryption", for_disk_encryption}}}};
  f.stack.db().write([&](store::Connection& c) {
    arm::ResourceStore().put(c, {id, "Microsoft.KeyVault/vaults", location, json::object(), body, 1, 1});
  });
}

json put_ade(ComputeFixture& f, const json& body) {
  auto r = f.call("PUT", f.ext_url("vm1", "AzureDiskEncryptionForLinux"), body.dump());
  REQUIRE_MESSAGE(r.status / 100 == 2, r.body);
  return f.poll(r);
}
}  // namespace

TEST_SUITE("ade_extension_plan") {
  TEST_CASE("a vault not enabled for disk encryption is refused with CRP's words") {
    ComputeFixture f;
    f.create_vm("vm1", f.vm_body());
    add_vault(f, "kvoff", "westus", false);
    auto op = put_ade(f, ade_body("https://kvoff.vault.azure.net"));
    CHECK(op["status"] == "Failed");
    CHECK(op["error"]["code"] == "VMExtensionProvisioningError");
    std::string msg = op["error"]["message"];
    CHECK(msg.find("VM has reported a failure when processing extension 'AzureDiskEncryptionForLinux'") == 0);
    CHECK(msg.find("has not been enabled for Volume Encryption") != std::string::npos);
    auto ext = f.call("GET", f.ext_url("vm1", "AzureDiskEncryptionForLinux")).json();
    CHECK(ext["properties"]["provisioningState"] == "Failed");
  }

  TEST_CASE("a vault in another region, or not in the VM's subscription, is refused (dual pass too)") {
    ComputeFixture f;
    f.create_vm("vm1", f.vm_body());
    add_vault(f, "kveast", "eastus", true);
    auto op = put_ade(f, ade_body("https://kveast.vault.azure.net", "0.1"));
    CHECK(op["error"]["code"] == "VMExtensionProvisioningError");
    CHECK(op["error"]["message"].get<std::string>().find("same region") != std::string::npos);
    op = put_ade(f, ade_body("https://elsewhere.vault.azure.net", "0.1"));
    CHECK(op["error"]["message"].get<std::string>().find("same subscription") != std::string::npos);
  }

  TEST_CASE("Basic tier sizes are refused; a fit vault passes") {
    ComputeFixture f;
    json basic = f.vm_body();
    basic["properties"]["hardwareProfile"]["vmSize"] = "Basic_A1";
    f.create_vm("vm1", basic);
    add_vault(f, "kvok", "westus", true);
    auto op = put_ade(f, ade_body("https://kvok.vault.azure.net", "0.1"));
    CHECK(op["error"]["message"].get<std::string>().find("Basic tier") != std::string::npos);
    f.add_nic("nic2");
    f.create_vm("vm2", f.vm_body("nic2"));
    auto r = f.call("PUT", f.ext_url("vm2", "AzureDiskEncryptionForLinux"), ade_body("https://kvok.vault.azure.net", "0.1").dump());
    REQUIRE(r.status == 201);
    CHECK(f.poll(r)["status"] == "Succeeded");
  }
}
