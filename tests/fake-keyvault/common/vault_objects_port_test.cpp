// ports::VaultObjects over the key and secret tables: active objects exist, in any case; soft-deleted, purged and
// unknown ones, other vaults and other collections do not.
#include "fake-keyvault/common/vault_objects_port.hpp"

#include "tests/fake-keyvault/kv_test_stack.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::kvtest;

TEST_SUITE("vault_objects_port") {
  TEST_CASE("exists is true for an active key or secret, whatever the case of its names") {
    KvStack s;
    REQUIRE(s.as("POST", kVault + "/keys/Key1/create?api-version=7.4", R"({"kty":"RSA"})").status == 200);
    REQUIRE(s.as("PUT", kVault + "/secrets/Secret1?api-version=7.4", R"({"value":"v"})").status == 200);
    auto objects = kv::make_vault_objects(s.db());
    CHECK(objects->exists("kv1", "keys", "key1"));
    CHECK(objects->exists("KV1", "Keys", "KEY1"));
    CHECK(objects->exists("kv1", "secrets", "secret1"));
    CHECK_FALSE(objects->exists("kv1", "secrets", "key1"));
    CHECK_FALSE(objects->exists("kv1", "keys", "secret1"));
    CHECK_FALSE(objects->exists("kv1", "keys", "nope"));
    CHECK_FALSE(objects->exists("kv2", "keys", "key1"));
    CHECK_FALSE(objects->exists("kv1", "certificates", "key1"));
  }

  TEST_CASE("a soft-deleted object does not exist; recovered, it does again") {
    KvStack s;
    REQUIRE(s.as("POST", kVault + "/keys/k/create?api-version=7.4", R"({"kty":"RSA"})").status == 200);
    auto objects = kv::make_vault_objects(s.db());
    REQUIRE(s.as("DELETE", kVault + "/keys/k?api-version=7.4").status == 200);
    CHECK_FALSE(objects->exists("kv1", "keys", "k"));
    REQUIRE(s.as("POST", kVault + "/deletedkeys/k/recover?api-version=7.4").status == 200);
    CHECK(objects->exists("kv1", "keys", "k"));
  }
}
