#include "emulator/http/router.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::http;

namespace {
Handler named(std::string name) {
  return [name](Request&) { return Reply::text(200, name); };
}

Request request(std::string method, std::string path, cloud::HostKind kind = cloud::HostKind::management) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.host_info.kind = kind;
  return r;
}
}  // namespace

TEST_SUITE("router") {
  TEST_CASE("literal segments match case-insensitively and parameters are captured") {
    Router router;
    router.scope({{cloud::HostKind::management}, Dialect::arm, nullptr})
        .get("/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}", "ResourceGroups_Get", named("rg"));
    auto req = request("GET", "/subscriptions/abc/resourceGroups/My-RG");
    auto m = router.match(req);
    REQUIRE(m.route != nullptr);
    CHECK(req.param("subscriptionId") == "abc");
    CHECK(req.param("resourceGroupName") == "My-RG");
  }

  TEST_CASE("the most specific route wins over a wildcard") {
    Router router;
    auto s = router.scope({{cloud::HostKind::management}, Dialect::arm, nullptr});
    s.get("/subscriptions/{s}/{*rest}", "Generic", named("generic"));
    s.get("/subscriptions/{s}/resourcegroups", "List", named("list"));
    auto req = request("GET", "/subscriptions/x/resourcegroups");
    CHECK(router.match(req).route->operation_id == "List");
    auto other = request("GET", "/subscriptions/x/providers/a/b");
    auto m = router.match(other);
    REQUIRE(m.route != nullptr);
    CHECK(m.route->operation_id == "Generic");
    CHECK(other.param("rest") == "providers/a/b");
  }

  TEST_CASE("a path known under another method is reported for 405") {
    Router router;
    router.scope({{cloud::HostKind::management}, Dialect::arm, nullptr}).get("/tenants", "Tenants_List", named("t"));
    auto req = request("POST", "/tenants");
    auto m = router.match(req);
    CHECK(m.route == nullptr);
    CHECK(m.path_matched);
  }

  TEST_CASE("routes are filtered by host kind; localhost reaches every non-vault service") {
    Router router;
    router.scope({{cloud::HostKind::login}, Dialect::aad, nullptr}).get("/{tenant}/v2.0/x", "Login", named("l"));
    auto on_vault = request("GET", "/t/v2.0/x", cloud::HostKind::vault);
    CHECK(router.match(on_vault).route == nullptr);
    auto on_local = request("GET", "/t/v2.0/x", cloud::HostKind::local);
    CHECK(router.match(on_local).route != nullptr);
  }

  TEST_CASE("duplicate routes are rejected at startup") {
    Router router;
    auto s = router.scope({{cloud::HostKind::management}, Dialect::arm, nullptr});
    s.get("/subscriptions/{a}", "One", named("1"));
    CHECK_THROWS_AS(s.get("/SUBSCRIPTIONS/{b}", "Two", named("2")), std::logic_error);
  }

  TEST_CASE("the table prints one line per route") {
    Router router;
    router.scope({{cloud::HostKind::graph}, Dialect::graph, nullptr}).get("/v1.0/me", "me_Get", named("me"));
    CHECK(router.table() == "graph GET /v1.0/me me_Get\n");
  }
}
