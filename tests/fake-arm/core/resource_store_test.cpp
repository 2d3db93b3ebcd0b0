#include "fake-arm/core/resource_store.hpp"

#include "fake-arm/mount.hpp"
#include "tests/support/test_stack.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace azemu;
using namespace azemu::arm;

namespace {
struct StoreFixture {
  std::string dir = testing::make_temp_dir("arm-store");
  std::string path = dir + "/azemu.db";
  std::unique_ptr<store::Database> db = std::make_unique<store::Database>(path, migrations());
  ResourceStore rs;

  StoreFixture() {
    seed(*db, testing::test_seed());
    db->write([&](store::Connection& c) {
      c.run("INSERT INTO arm_resource_groups (subscription_id, name_key, name, location, created_at, changed_at) "
            "VALUES (?, 'rg1', 'RG1', 'westus', 1, 1)",
            sub());
    });
  }
  ~StoreFixture() {
    db.reset();
    std::filesystem::remove_all(dir);
  }
  static std::string sub() { return testing::test_seed().subscription_id; }
  StoredResource vault(const std::string& name) const {
    auto id = ResourceId::resource(sub(), "RG1", "Microsoft.KeyVault", "vaults", name);
    return {id, "Microsoft.KeyVault/vaults", "westus", {{"env", "prod"}}, {{"id", id.str()}, {"name", name}}, 10, 10};
  }
};
}  // namespace

TEST_SUITE("resource_store") {
  TEST_CASE("put/get round trip, case-insensitive lookup, update keeps created_at") {
    StoreFixture f;
    auto r = f.vault("kv1");
    CHECK(f.db->write([&](store::Connection& c) { return f.rs.put(c, r); }) == ResourceStore::PutOutcome::created);
    auto lookup = ResourceId::parse("/SUBSCRIPTIONS/" + StoreFixture::sub() + "/resourcegroups/rg1/providers/microsoft.keyvault/VAULTS/KV1");
    auto got = f.db->read([&](store::Connection& c) { return f.rs.get(c, *lookup); });
    REQUIRE(got);
    CHECK(got->id.str() == r.id.str());
    CHECK(got->tags == r.tags);
    CHECK(got->body["name"] == "kv1");

    r.changed_at = 20;
    r.created_at = 99;
    r.body["properties"] = {{"x", 1}};
    CHECK(f.db->write([&](store::Connection& c) { return f.rs.put(c, r); }) == ResourceStore::PutOutcome::updated);
    got = f.db->read([&](store::Connection& c) { return f.rs.get(c, r.id); });
    CHECK(got->created_at == 10);
    CHECK(got->changed_at == 20);
    CHECK(got->body["properties"]["x"] == 1);
  }

  TEST_CASE("lists by group, type, subscription and parent; remove takes children along") {
    StoreFixture f;
    auto vnet_id = ResourceId::resource(StoreFixture::sub(), "RG1", "Microsoft.Network", "virtualNetworks", "vn");
    StoredResource vnet{vnet_id, "Microsoft.Network/virtualNetworks", "westus", {}, {}, 1, 1};
    StoredResource subnet{vnet_id.child("subnets", "default"), "Microsoft.Network/virtualNetworks/subnets", "westus", {}, {}, 1, 1};
    f.db->write([&](store::Connection& c) {
      f.rs.put(c, f.vault("kv1"));
      f.rs.put(c, f.vault("kv2"));
      f.rs.put(c, vnet);
      f.rs.put(c, subnet);
    });
    f.db->read([&](store::Connection& c) {
      CHECK(f.rs.list_by_group(c, StoreFixture::sub(), "rg1").size() == 4);
      CHECK(f.rs.list_by_subscription(c, StoreFixture::sub()).size() == 4);
      CHECK(f.rs.list_by_type(c, StoreFixture::sub(), "MICROSOFT.KEYVAULT/VAULTS").size() == 2);
      CHECK(f.rs.list_by_type(c, StoreFixture::sub(), "Microsoft.KeyVault/vaults", "other").empty());
      auto children = f.rs.list_children(c, vnet_id);
      REQUIRE(children.size() == 1);
      CHECK(children[0].id.name() == "default");
      return 0;
    });
    CHECK(f.db->write([&](store::Connection& c) { return f.rs.remove(c, vnet_id); }));
    CHECK_FALSE(f.db->write([&](store::Connection& c) { return f.rs.remove(c, vnet_id); }));
    CHECK(f.db->write([&](store::Connection& c) { return f.rs.remove_by_group(c, StoreFixture::sub(), "Rg1"); }) == 2);
  }

  TEST_CASE("a resource in a missing group is refused by the foreign key") {
    StoreFixture f;
    StoredResource r = f.vault("kv1");
    r.id = ResourceId::resource(StoreFixture::sub(), "nope", "Microsoft.KeyVault", "vaults", "kv1");
    CHECK_THROWS(f.db->write([&](store::Connection& c) { f.rs.put(c, r); }));
  }

  TEST_CASE("an acknowledged write is visible through a second Database on the same file") {
    StoreFixture f;
    f.db->write([&](store::Connection& c) { f.rs.put(c, f.vault("durable")); });
    store::Database second(f.path, migrations());
    auto got = second.read([&](store::Connection& c) { return f.rs.get(c, f.vault("durable").id); });
    REQUIRE(got);
    CHECK(got->body["name"] == "durable");
  }
}
