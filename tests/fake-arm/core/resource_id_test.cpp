#include "fake-arm/core/resource_id.hpp"

#include <doctest/doctest.h>

using azemu::arm::ResourceId;

TEST_SUITE("resource_id") {
  TEST_CASE("parses a nested resource id and prints it canonically") {
    auto id = ResourceId::parse(
        "/subscriptions/S1/resourcegroups/RG/providers/Microsoft.Compute/virtualMachines/vm1/extensions/ade");
    REQUIRE(id);
    CHECK(id->subscription_id() == "S1");
    CHECK(id->resource_group() == "RG");
    CHECK(id->provider_namespace() == "Microsoft.Compute");
    CHECK(id->full_type() == "Microsoft.Compute/virtualMachines/extensions");
    CHECK(id->name() == "ade");
    CHECK(id->full_name() == "vm1/ade");
    CHECK(id->str() == "/subscriptions/S1/resourceGroups/RG/providers/Microsoft.Compute/virtualMachines/vm1/extensions/ade");
    CHECK(id->parent().str() == "/subscriptions/S1/resourceGroups/RG/providers/Microsoft.Compute/virtualMachines/vm1");
    CHECK(id->parent().parent().is_resource_group());
    CHECK(id->parent().parent().parent().is_subscription());
  }

  TEST_CASE("compares ignoring case, as ARM does") {
    auto a = ResourceId::parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/KV1");
    auto b = ResourceId::parse("/SUBSCRIPTIONS/S/RESOURCEGROUPS/RG/PROVIDERS/microsoft.keyvault/VAULTS/kv1");
    REQUIRE(a);
    REQUIRE(b);
    CHECK(*a == *b);
    CHECK(a->key() == b->key());
    CHECK_FALSE(*a == *ResourceId::parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv2"));
  }

  TEST_CASE("subscription and group ids") {
    auto s = ResourceId::parse("/subscriptions/abc");
    REQUIRE(s);
    CHECK(s->is_subscription());
    auto g = ResourceId::parse("/subscriptions/abc/resourceGroups/my.rg(1)");
    REQUIRE(g);
    CHECK(g->is_resource_group());
    CHECK(g->name() == "my.rg(1)");
    CHECK(ResourceId::resource("s", "rg", "Microsoft.Network", "virtualNetworks", "vn").child("subnets", "default").str() ==
          "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vn/subnets/default");
  }

  TEST_CASE("rejects shapes that are not ids") {
    for (const char* bad : {"", "subscriptions/s", "/tenants/t", "/subscriptions", "/subscriptions/s/resourceGroups",
                            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault",
                            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults",
                            "/subscriptions/s/resourceGroups/rg/foo/bar",
                            "/subscriptions/s/resourceGroups/rg/providers/A/x/y/providers/B/z/w"}) {
      CAPTURE(bad);
      CHECK_FALSE(ResourceId::parse(bad));
    }
  }
}
