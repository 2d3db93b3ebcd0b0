#include "emulator/cloud/vault_object_url.hpp"

#include <doctest/doctest.h>

using namespace azemu::cloud;

TEST_SUITE("vault_object_url") {
  TEST_CASE("splits base, vault, collection, name and the segments after it") {
    auto u = parse_vault_object_url("https://KV1.vault.azemu.localhost:8443/Keys/kek/0123456789abcdef0123456789abcdef/wrapkey?api-version=7.4");
    REQUIRE(u);
    CHECK(u->base == "https://KV1.vault.azemu.localhost:8443");
    CHECK(u->vault == "kv1");
    CHECK(u->collection == "keys");
    CHECK(u->name == "kek");
    REQUIRE(u->rest.size() == 2);
    CHECK(is_object_version(u->rest[0]));
    CHECK_FALSE(is_object_version(u->rest[1]));
    auto s = parse_vault_object_url("https://kv1.vault.azure.net/secrets/s1");
    REQUIRE(s);
    CHECK(s->rest.empty());
  }

  TEST_CASE("anything but https with a collection and a name is not an object URL") {
    CHECK_FALSE(parse_vault_object_url("http://kv1.vault.azure.net/keys/k"));
    CHECK_FALSE(parse_vault_object_url("https://kv1.vault.azure.net/keys?"));
    CHECK_FALSE(parse_vault_object_url("https://kv1.vault.azure.net"));
  }
}
