// One transaction per data-plane request: the store writes of a request commit together or roll back together.
#include "fake-keyvault/common/request_transaction.hpp"

#include "fake-keyvault/secrets/secret_store.hpp"
#include "tests/fake-keyvault/kv_test_stack.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace azemu;
using namespace azemu::kvtest;

namespace {
kv::SecretVersion version_of(const std::string& name) {
  kv::SecretVersion v;
  v.name = name;
  v.version = std::string(32, 'a');
  v.sealed_value = "sealed";
  return v;
}
}  // namespace

TEST_SUITE("request_transaction") {
  TEST_CASE("a request's store writes commit together or not at all") {
    KvStack s;
    kv::SecretStore store(s.db());
    CHECK_THROWS_AS(kv::request_transaction(s.db(),
                                            [&] {
                                              store.add("kv1", {version_of("s1")});
                                              store.set_deleted("kv1", "s1", 100, 200);
                                              throw std::runtime_error("a later step failed");
                                            }),
                    std::runtime_error);
    CHECK_FALSE(store.find("kv1", "s1"));

    kv::request_transaction(s.db(), [&] {
      store.add("kv1", {version_of("s1")});
      store.set_deleted("kv1", "s1", 100, 200);
    });
    auto o = store.find("kv1", "s1");
    REQUIRE(o);
    CHECK(o->deleted_date == std::optional<std::int64_t>(100));
  }

  TEST_CASE("outside a request each store write commits on its own") {
    KvStack s;
    kv::SecretStore store(s.db());
    store.add("kv1", {version_of("s2")});
    CHECK(store.find("kv1", "s2"));
  }
}
