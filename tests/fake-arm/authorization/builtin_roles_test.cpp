#include "fake-arm/authorization/builtin_roles.hpp"

#include "fake-arm/authorization/authorizer.hpp"

#include <doctest/doctest.h>

#include <map>

using namespace azemu::arm;

TEST_SUITE("builtin_roles") {
  TEST_CASE("the catalog carries Azure's real ids for the roles the issue names") {
    const std::map<std::string, std::string> expected = {
        {"Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"},
        {"Contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c"},
        {"Reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7"},
        {"User Access Administrator", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"},
        {"Key Vault Administrator", "00482a5a-887f-4fb3-b363-3b7fe8e74483"},
        {"Key Vault Crypto Officer", "14b46e9e-c2b7-41b4-b07b-48a6ebf60603"},
        {"Key Vault Crypto User", "12338af0-0e69-4776-bea7-57ae8d297424"},
        {"Key Vault Secrets Officer", "b86a8fe4-44ce-4948-aee5-eccb2c155cd7"},
        {"Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6"},
        {"Virtual Machine Contributor", "9980e02c-c2be-4d73-94e8-173b1dc7cf3c"}};
    for (const auto& [name, id] : expected) {
      CAPTURE(name);
      const RoleDefinition* by_name = find_builtin_role_by_name(name);
      REQUIRE(by_name);
      CHECK(by_name->id == id);
      CHECK(find_builtin_role(id) == by_name);
      CHECK(by_name->type == RoleType::built_in);
      CHECK(by_name->assignable_scopes == std::vector<std::string>{"/"});
      CHECK_FALSE(by_name->description.empty());
    }
    CHECK(find_builtin_role("8E3AF657-A8FF-443C-A75C-2FE8C4BCB635"));  // any case
    CHECK_FALSE(find_builtin_role("00000000-0000-0000-0000-000000000000"));
  }

  TEST_CASE("ids and names are unique") {
    const auto& all = builtin_roles();
    for (std::size_t i = 0; i < all.size(); ++i)
      for (std::size_t j = i + 1; j < all.size(); ++j) {
        CHECK(all[i].id != all[j].id);
        CHECK(all[i].role_name != all[j].role_name);
      }
  }

  TEST_CASE("permissions: Owner is *, Contributor is * minus Authorization writes, Reader is */read") {
    auto allows = [](const char* role, const char* action) { return permissions_allow(find_builtin_role_by_name(role)->permissions, action); };
    CHECK(allows("Owner", "Microsoft.Authorization/roleAssignments/write"));
    CHECK(allows("Contributor", "Microsoft.Resources/subscriptions/resourceGroups/write"));
    CHECK_FALSE(allows("Contributor", "Microsoft.Authorization/roleAssignments/write"));
    CHECK_FALSE(allows("Contributor", "Microsoft.Authorization/roleAssignments/delete"));
    CHECK_FALSE(allows("Contributor", "Microsoft.Authorization/elevateAccess/Action"));
    CHECK(allows("Contributor", "Microsoft.Authorization/roleAssignments/read"));
    CHECK(allows("Reader", "Microsoft.KeyVault/vaults/read"));
    CHECK_FALSE(allows("Reader", "Microsoft.KeyVault/vaults/write"));
    CHECK(allows("User Access Administrator", "Microsoft.Authorization/roleAssignments/write"));
    CHECK_FALSE(allows("User Access Administrator", "Microsoft.Resources/subscriptions/resourceGroups/write"));
    CHECK(allows("Virtual Machine Contributor", "Microsoft.Compute/virtualMachines/start/action"));
    CHECK_FALSE(allows("Virtual Machine Contributor", "Microsoft.KeyVault/vaults/write"));
    CHECK(allows("Key Vault Administrator", "Microsoft.KeyVault/vaults/secrets/read"));  // vaults/*/read
    CHECK_FALSE(allows("Key Vault Administrator", "Microsoft.KeyVault/vaults/write"));
    CHECK_FALSE(allows("Key Vault Secrets User", "Microsoft.KeyVault/vaults/read"));
  }

  TEST_CASE("Key Vault data roles carry the data actions of the docs") {
    auto data = [](const char* role) { return find_builtin_role_by_name(role)->permissions.at(0).data_actions; };
    CHECK(data("Key Vault Administrator") == std::vector<std::string>{"Microsoft.KeyVault/vaults/*"});
    CHECK(data("Key Vault Secrets Officer") == std::vector<std::string>{"Microsoft.KeyVault/vaults/secrets/*"});
    CHECK(data("Key Vault Secrets User") ==
          std::vector<std::string>{"Microsoft.KeyVault/vaults/secrets/getSecret/action",
                                   "Microsoft.KeyVault/vaults/secrets/readMetadata/action"});
    CHECK(data("Key Vault Crypto Officer").at(0) == "Microsoft.KeyVault/vaults/keys/*");
    CHECK(data("Key Vault Crypto User").size() == 9);
  }
}
