// Shared helpers for Microsoft.KeyVault/vaults http tests: URLs and a create-vault shortcut with
// the body `az keyvault create` sends (az-wire §4.3).
#pragma once

#include "tests/fake-arm/arm_test_helpers.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace azemu::testing {

struct VaultFixture : ArmFixture {
  VaultFixture() { create_group("rg"); }

  std::string vault_url(const std::string& name, const std::string& group = "rg", const std::string& rest = "") const {
    return sub_url("/resourceGroups/" + group + "/providers/Microsoft.KeyVault/vaults/" + name + rest, "2022-07-01");
  }
  std::string deleted_url(const std::string& name, const std::string& location = "westus", const std::string& rest = "") const {
    return sub_url("/providers/Microsoft.KeyVault/locations/" + location + "/deletedVaults/" + name + rest, "2022-07-01");
  }
  nlohmann::json body(nlohmann::json extra_props = nlohmann::json::object()) const {
    nlohmann::json j = {
        {"location", "WestUS"},
        {"properties",
         {{"tenantId", stack.seed().tenant_id},
          {"sku", {{"family", "A"}, {"name", "standard"}}},
          {"accessPolicies",
           {{{"tenantId", stack.seed().tenant_id},
             {"objectId", stack.seed().client_object_id},
             {"permissions", {{"keys", {"all"}}, {"secrets", {"all"}}, {"certificates", {"all"}}, {"storage", {"all"}}}}}}},
          {"enabledForDiskEncryption", true},
          {"enableSoftDelete", true},
          {"softDeleteRetentionInDays", 90},
          {"networkAcls", {{"bypass", "AzureServices"}, {"defaultAction", "Allow"}}}}}};
    j["properties"].update(extra_props);
    return j;
  }
  Response create_vault(const std::string& name, const nlohmann::json& b, const std::string& group = "rg") {
    return call("PUT", vault_url(name, group), b.dump());
  }
  Response create_vault(const std::string& name) { return create_vault(name, body()); }
};

}  // namespace azemu::testing
