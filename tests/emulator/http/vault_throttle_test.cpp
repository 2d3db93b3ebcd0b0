// --kv-throttling azure: per-vault 10 s budgets, key CREATE weighted, 429 Throttled with Retry-After.
#include "emulator/http/vault_throttle.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::http;

namespace {
Request vault_call(const std::string& vault, const std::string& path, const std::string& op) {
  Request r;
  r.method = "POST";
  r.path = path;
  r.operation_id = op;
  r.host_info.kind = cloud::HostKind::vault;
  r.host_info.vault_name = vault;
  return r;
}
}  // namespace

TEST_SUITE("vault_throttle") {
  TEST_CASE("4,000 secret transactions in 10 s pass, the next one gets 429 Throttled until the window moves") {
    exec::FakeClock clock;
    VaultThrottle t(clock);
    auto get = vault_call("v1", "/secrets/s", "GetSecret");
    for (int i = 0; i < 4000; ++i) REQUIRE_FALSE(t.admit(get));
    auto e = t.admit(get);
    REQUIRE(e);
    CHECK(e->code() == "Throttled");
    CHECK(e->status_override() == 429);
    REQUIRE(e->headers().size() == 1);
    CHECK(e->headers()[0].first == "Retry-After");
    CHECK(e->headers()[0].second == "10");
    CHECK_FALSE(t.admit(vault_call("v2", "/secrets/s", "GetSecret")));  // per vault
    CHECK_FALSE(t.admit(vault_call("v1", "/keys/k/unwrapkey", "UnwrapKey")));  // keys have their own budget
    clock.advance(std::chrono::seconds(10));
    CHECK_FALSE(t.admit(get));
  }
  TEST_CASE("key CREATE costs 200 units: the 21st create in 10 s is throttled") {
    exec::FakeClock clock;
    VaultThrottle t(clock);
    auto create = vault_call("v1", "/keys/k/create", "CreateKey");
    for (int i = 0; i < 20; ++i) REQUIRE_FALSE(t.admit(create));
    CHECK(t.admit(create));
    CHECK(t.admit(vault_call("v1", "/keys/k/unwrapkey", "UnwrapKey")));  // the same weighted budget is spent
  }
}
