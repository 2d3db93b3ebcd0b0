#include "fake-arm/authorization/role_scope.hpp"

#include "emulator/json/strings.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::arm;

TEST_SUITE("role_scope") {
  TEST_CASE("scope_covers: equal, parents on segment boundaries, and the root") {
    CHECK(scope_covers("/subscriptions/s", "/subscriptions/s"));
    CHECK(scope_covers("/subscriptions/s", "/subscriptions/s/resourcegroups/rg"));
    CHECK(scope_covers("/subscriptions/s/resourcegroups/rg", "/subscriptions/s/resourcegroups/rg/providers/a/b/c"));
    CHECK_FALSE(scope_covers("/subscriptions/s/resourcegroups/rg", "/subscriptions/s/resourcegroups/rg2"));
    CHECK_FALSE(scope_covers("/subscriptions/s/resourcegroups/rg", "/subscriptions/s"));
    CHECK(scope_covers("/", "/subscriptions/s"));
  }

  TEST_CASE("route parameters become a scope with a lower-cased subscription") {
    http::Request req;
    CHECK(role_scope_from_params(req).is_tenant());
    CHECK(role_scope_from_params(req).str() == "/");
    req.params = {{"subscriptionId", "AAAA0000-0000-4000-8000-00000000AAAA"}};
    CHECK(role_scope_from_params(req).str() == "/subscriptions/aaaa0000-0000-4000-8000-00000000aaaa");
    req.params["resourceGroupName"] = "RG";
    CHECK(role_scope_from_params(req).str() == "/subscriptions/aaaa0000-0000-4000-8000-00000000aaaa/resourceGroups/RG");
    req.params["namespace"] = "Microsoft.Compute";
    req.params["type1"] = "virtualMachines";
    req.params["name1"] = "vm1";
    req.params["type2"] = "extensions";
    req.params["name2"] = "ext";
    auto s = role_scope_from_params(req);
    CHECK(s.str() == "/subscriptions/aaaa0000-0000-4000-8000-00000000aaaa/resourceGroups/RG/providers/"
                     "Microsoft.Compute/virtualMachines/vm1/extensions/ext");
    CHECK(s.key() == text::to_lower(s.str()));
  }

  TEST_CASE("vault_object_of names the key or secret of a Key Vault object scope, and nothing else") {
    auto scope = [](const std::string& path) { return role_scope_of(*ResourceId::parse(path)); };
    const std::string vault = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/KV1";
    auto k = vault_object_of(scope(vault + "/keys/Key1"));
    REQUIRE(k);
    CHECK(k->vault == "KV1");
    CHECK(k->collection == "keys");
    CHECK(k->name == "Key1");
    CHECK(vault_object_of(scope(text::to_lower(vault) + "/secrets/s1"))->collection == "secrets");
    CHECK_FALSE(vault_object_of(scope(vault)));
    CHECK_FALSE(vault_object_of(scope(vault + "/certificates/c1")));
    CHECK_FALSE(vault_object_of(scope("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm/keys/k")));
    CHECK_FALSE(vault_object_of(RoleScope{}));
  }
}
