#include "fake-arm/resources/generic/generic_resource_handlers.hpp"

#include "fake-arm/core/resource_store.hpp"
#include "tests/fake-arm/arm_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::arm;
using namespace azemu::testing;

namespace {
struct GenericFixture : ArmFixture {
  ResourceStore rs;
  GenericFixture() {
    create_group("rg1");
    create_group("rg2");
    put("rg1", "Microsoft.KeyVault", "vaults", "kv1", {{"env", "prod"}}, {{"sku", {{"name", "standard"}}}});
    put("rg2", "Microsoft.KeyVault", "vaults", "kv2", {}, {});
    put("rg1", "Microsoft.Network", "virtualNetworks", "vnet1", {{"env", "dev"}}, {});
  }
  void put(const std::string& rg, const std::string& ns, const std::string& type, const std::string& name,
           nlohmann::json tags, nlohmann::json extra) {
    auto id = ResourceId::resource(sub, rg, ns, type, name);
    nlohmann::json body = {{"id", id.str()}, {"name", name}, {"type", ns + "/" + type}, {"location", "westus"}, {"tags", tags}};
    if (extra.is_object()) body.update(extra);
    stack.db().write([&](store::Connection& c) { rs.put(c, {id, ns + "/" + type, "westus", tags, body, 1, 1}); });
  }
  static std::vector<std::string> names(const Response& r) {
    std::vector<std::string> out;
    const auto body = r.json();  // keep the parsed body alive for the loop
    for (const auto& v : body["value"]) out.push_back(v["name"]);
    return out;
  }
};
}  // namespace

TEST_SUITE("generic_resource_handlers") {
  TEST_CASE("GET /resources with the resourceType filter az keyvault sends") {
    GenericFixture f;
    auto r = f.call("GET", f.sub_url("/resources?$filter=resourceType%20eq%20%27Microsoft.KeyVault%2Fvaults%27", "2015-11-01"));
    REQUIRE(r.status == 200);
    CHECK(GenericFixture::names(r) == std::vector<std::string>{"kv1", "kv2"});
    auto item = r.json()["value"][0];
    CHECK(item["id"] == "/subscriptions/" + f.sub + "/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/kv1");
    CHECK(item["type"] == "Microsoft.KeyVault/vaults");
    CHECK(item["location"] == "westus");
    CHECK(item["tags"]["env"] == "prod");
    CHECK(item["sku"]["name"] == "standard");
    CHECK_FALSE(item.contains("properties"));
  }

  TEST_CASE("other filters, group scope, paging") {
    GenericFixture f;
    CHECK(GenericFixture::names(f.call("GET", f.sub_url("/resources?$filter=tagName eq 'env' and tagValue eq 'dev'"))) ==
          std::vector<std::string>{"vnet1"});
    CHECK(GenericFixture::names(f.call("GET", f.sub_url("/resources?$filter=substringof('kv', name)"))).size() == 2);
    CHECK(GenericFixture::names(f.call("GET", f.sub_url("/resources?$filter=name eq 'KV2'"))) == std::vector<std::string>{"kv2"});
    CHECK(GenericFixture::names(f.call("GET", f.sub_url("/resourceGroups/rg1/resources"))).size() == 2);
    auto page = f.call("GET", f.sub_url("/resources?$top=1")).json();
    CHECK(page["value"].size() == 1);
    CHECK(page["nextLink"].get<std::string>().find("skiptoken=1") != std::string::npos);
    auto missing = f.call("GET", f.sub_url("/resourceGroups/nope/resources"));
    CHECK(missing.status == 404);
    CHECK(missing.json()["error"]["code"] == "ResourceGroupNotFound");
    CHECK(f.call("GET", f.sub_url("/resources?$filter=bogus")).json()["error"]["code"] == "InvalidFilterInQueryString");
  }

  TEST_CASE("provider paths: stored resource, collection, not found") {
    GenericFixture f;
    auto got = f.call("GET", f.sub_url("/resourceGroups/RG1/providers/microsoft.keyvault/VAULTS/KV1", "2022-07-01"));
    REQUIRE(got.status == 200);
    CHECK(got.json()["name"] == "kv1");
    auto coll = f.call("GET", f.sub_url("/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults"));
    CHECK(GenericFixture::names(coll) == std::vector<std::string>{"kv1"});
    CHECK(GenericFixture::names(f.call("GET", f.sub_url("/providers/Microsoft.KeyVault/vaults"))).size() == 2);
    auto nf = f.call("GET", f.sub_url("/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/nope", "2022-07-01"));
    CHECK(nf.status == 404);
    CHECK(nf.json()["error"]["code"] == "ResourceNotFound");
    CHECK(nf.json()["error"]["message"].get<std::string>().find("'Microsoft.KeyVault/vaults/nope' under resource group 'rg1'") !=
          std::string::npos);
    auto no_group = f.call("GET", f.sub_url("/resourceGroups/nope/providers/Microsoft.KeyVault/vaults/kv1"));
    CHECK(no_group.json()["error"]["code"] == "ResourceGroupNotFound");
  }

  TEST_CASE("unknown namespaces and types") {
    GenericFixture f;
    auto ns_get = f.call("GET", f.sub_url("/resourceGroups/rg1/providers/Contoso.Widgets/widgets/w1"));
    CHECK(ns_get.status == 404);
    CHECK(ns_get.json()["error"]["code"] == "InvalidResourceNamespace");
    auto ns_put = f.call("PUT", f.sub_url("/resourceGroups/rg1/providers/Contoso.Widgets/widgets/w1"), "{}");
    CHECK(ns_put.status == 400);
    CHECK(ns_put.json()["error"]["code"] == "InvalidResourceNamespace");
    auto type_get = f.call("GET", f.sub_url("/resourceGroups/rg1/providers/Microsoft.KeyVault/gadgets/g1", "2022-07-01"));
    CHECK(type_get.status == 404);
    CHECK(type_get.json()["error"]["code"] == "InvalidResourceType");
    CHECK(type_get.json()["error"]["message"] ==
          "The resource type 'gadgets' could not be found in the namespace 'Microsoft.KeyVault' for api version '2022-07-01'.");
    CHECK(f.call("PUT", f.sub_url("/resourceGroups/rg1/providers/Microsoft.KeyVault/gadgets/g1"), "{}").status == 400);
  }

  TEST_CASE("writes to known types without a provider are 501; DELETE removes stored resources") {
    GenericFixture f;
    auto put = f.call("PUT", f.sub_url("/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/sa1"), "{}");
    CHECK(put.status == 501);
    CHECK(put.json()["error"]["code"] == "AzemuNotImplemented");
    CHECK(f.call("DELETE", f.sub_url("/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/kv1")).status == 200);
    CHECK(f.call("DELETE", f.sub_url("/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/kv1")).status == 204);
    CHECK(f.call("GET", f.sub_url("/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/kv1")).status == 404);
  }
}
