#include "fake-arm/resources/providers/provider_handlers.hpp"

#include "tests/fake-arm/arm_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu::testing;

namespace {
std::string state_in_list(const nlohmann::json& list, const std::string& ns) {
  for (const auto& p : list["value"])
    if (p["namespace"] == ns) return p["registrationState"];
  return "";
}
}  // namespace

TEST_SUITE("provider_handlers") {
  TEST_CASE("default registration states") {
    ArmFixture f;
    auto list = f.call("GET", f.sub_url("/providers?$expand=resourceTypes/aliases")).json();
    CHECK(state_in_list(list, "Microsoft.Resources") == "Registered");
    CHECK(state_in_list(list, "Microsoft.Authorization") == "Registered");
    CHECK(state_in_list(list, "Microsoft.Features") == "Registered");
    CHECK(state_in_list(list, "Microsoft.KeyVault") == "NotRegistered");
    CHECK(state_in_list(list, "Microsoft.Compute") == "NotRegistered");
    CHECK(state_in_list(list, "Microsoft.ManagedIdentity") == "NotRegistered");
  }

  TEST_CASE("register then unregister changes and persists the state") {
    ArmFixture f;
    auto reg = f.call("POST", f.sub_url("/providers/microsoft.keyvault/register"));
    REQUIRE(reg.status == 200);
    CHECK(reg.json()["registrationState"] == "Registered");
    CHECK(reg.json()["namespace"] == "Microsoft.KeyVault");
    CHECK(reg.json()["id"] == "/subscriptions/" + f.sub + "/providers/Microsoft.KeyVault");
    auto got = f.call("GET", f.sub_url("/providers/Microsoft.KeyVault")).json();
    CHECK(got["registrationState"] == "Registered");
    bool has_vaults = false;
    for (const auto& t : got["resourceTypes"])
      if (t["resourceType"] == "vaults") {
        has_vaults = true;
        CHECK(t["apiVersions"].size() > 1);
        CHECK(t["locations"][0].is_string());
      }
    CHECK(has_vaults);
    auto unreg = f.call("POST", f.sub_url("/providers/Microsoft.KeyVault/unregister"));
    CHECK(unreg.json()["registrationState"] == "Unregistered");
    CHECK(f.call("GET", f.sub_url("/providers/Microsoft.KeyVault")).json()["registrationState"] == "Unregistered");
  }

  TEST_CASE("unknown namespace is 404 InvalidResourceNamespace") {
    ArmFixture f;
    auto r = f.call("GET", f.sub_url("/providers/Contoso.Widgets"));
    CHECK(r.status == 404);
    CHECK(r.json()["error"]["code"] == "InvalidResourceNamespace");
    CHECK(r.json()["error"]["message"] == "The resource namespace 'Contoso.Widgets' is invalid.");
    CHECK(f.call("POST", f.sub_url("/providers/Contoso.Widgets/register")).status == 404);
  }

  TEST_CASE("tenant-level provider routes carry no registration state") {
    ArmFixture f;
    auto list = f.call("GET", kArm + "/providers?api-version=2021-04-01");
    REQUIRE(list.status == 200);
    CHECK(list.json()["value"].size() >= 8);
    auto one = f.call("GET", kArm + "/providers/Microsoft.Compute?api-version=2021-04-01").json();
    CHECK(one["id"] == "/providers/Microsoft.Compute");
    CHECK_FALSE(one.contains("registrationState"));
    CHECK(f.call("GET", kArm + "/providers/Nope.Nope?api-version=2021-04-01").status == 404);
  }

  // The versions the pinned clients send (tests/e2e/js/package.json majors, az 2.74's latest profile)
  // are listed, newest first; defaultApiVersion is the newest stable one, never a preview.
  TEST_CASE("resource types list the api-versions current clients send") {
    ArmFixture f;
    auto type_of = [&](const std::string& ns, const std::string& type) {
      auto p = f.call("GET", f.sub_url("/providers/" + ns, "2025-04-01")).json();
      for (const auto& t : p["resourceTypes"])
        if (t["resourceType"] == type) return t;
      return nlohmann::json();
    };
    auto has = [](const nlohmann::json& t, const std::string& v) {
      for (const auto& x : t["apiVersions"])
        if (x == v) return true;
      return false;
    };
    auto vaults = type_of("Microsoft.KeyVault", "vaults");
    CHECK(vaults["apiVersions"][0] == "2026-02-01");
    CHECK(has(vaults, "2023-02-01"));
    CHECK(vaults["defaultApiVersion"] == "2026-02-01");
    CHECK(type_of("Microsoft.Resources", "deployments")["apiVersions"][0] == "2026-06-01");
    CHECK(type_of("Microsoft.Resources", "resourceGroups")["apiVersions"][0] == "2025-04-01");
    auto vms = type_of("Microsoft.Compute", "virtualMachines");
    CHECK(has(vms, "2026-04-01"));
    CHECK(has(vms, "2024-11-01"));
    CHECK(type_of("Microsoft.Compute", "disks")["apiVersions"][0] == "2026-03-02");
    CHECK(type_of("Microsoft.Network", "virtualNetworks")["apiVersions"][0] == "2026-01-01");
    auto roles = type_of("Microsoft.Authorization", "roleDefinitions");
    CHECK(roles["apiVersions"][0] == "2022-05-01-preview");
    CHECK(roles["defaultApiVersion"] == "2022-04-01");
  }
}
