// Fault rules: strict parsing, matching by method/path/operation/principal, counts and hit totals.
#include "emulator/http/fault_rules.hpp"

#include "emulator/json/glob.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::http;
using azemu::text::glob_match;

namespace {
Request put_group(const std::string& name) {
  Request r;
  r.method = "PUT";
  r.path = "/subscriptions/s1/resourceGroups/" + name;
  r.operation_id = "ResourceGroups_CreateOrUpdate";
  return r;
}
}  // namespace

TEST_SUITE("fault_rules") {
  TEST_CASE("glob: '*' spans slashes, case is ignored, the whole text must match") {
    CHECK(glob_match("/subscriptions/*/resourcegroups/*", "/subscriptions/s1/resourceGroups/rg"));
    CHECK(glob_match("*", ""));
    CHECK(glob_match("*/rg2", "/a/b/rg2"));
    CHECK_FALSE(glob_match("*/rg2", "/a/b/rg23"));
    CHECK_FALSE(glob_match("/x", "/x/y"));
  }

  TEST_CASE("unknown fields, wrong types and impossible values are refused") {
    CHECK_THROWS_AS(fault_rule_from_json({{"sttus", 500}}), AzureError);
    CHECK_THROWS_AS(fault_rule_from_json({{"status", 200}}), AzureError);
    CHECK_THROWS_AS(fault_rule_from_json({{"probability", 2}}), AzureError);
    CHECK_THROWS_AS(fault_rule_from_json({{"count", 0}}), AzureError);
    CHECK_THROWS_AS(fault_rule_from_json({{"service", "storage"}}), AzureError);
    CHECK_THROWS_AS(fault_rule_from_json(nlohmann::json::array()), AzureError);
  }

  TEST_CASE("a counted 429 fires once with Retry-After, then lets requests through") {
    FaultRules rules;
    rules.add(fault_rule_from_json({{"method", "put"}, {"path", "*/resourcegroups/*"}, {"status", 429},
                                    {"retryAfter", 2}, {"count", 1}}));
    auto first = rules.match(put_group("rg"), "arm");
    REQUIRE(first);
    CHECK(first->status_override() == 429);
    CHECK(first->code() == "TooManyRequests");
    REQUIRE(first->headers().size() == 1);
    CHECK(first->headers()[0].second == "2");
    CHECK_FALSE(rules.match(put_group("rg"), "arm"));
    CHECK(rules.list()[0].hits == 1);
    CHECK(rules.hits() == 1);
  }

  TEST_CASE("service, operation and principal narrow a rule") {
    FaultRules rules;
    rules.add(fault_rule_from_json({{"service", "keyvault"}, {"status", 503}}));
    rules.add(fault_rule_from_json({{"operation", "resourcegroups_createorupdate"}, {"principal", "OID-1"}, {"status", 500}}));
    CHECK_FALSE(rules.match(put_group("rg"), "arm"));  // no principal on the request
    auto req = put_group("rg");
    req.principal = auth::Principal{};
    req.principal->object_id = "oid-1";
    auto e = rules.match(req, "arm");
    REQUIRE(e);
    CHECK(e->status_override() == 500);
    auto kv = rules.match(put_group("x"), "keyvault");
    REQUIRE(kv);
    CHECK(kv->code() == "ServerBusy");
  }

  TEST_CASE("remove one or all") {
    FaultRules rules;
    auto a = rules.add(fault_rule_from_json({{"status", 500}}));
    rules.add(fault_rule_from_json({{"status", 503}}));
    CHECK(rules.remove(a.id));
    CHECK_FALSE(rules.remove(a.id));
    CHECK(rules.list().size() == 1);
    rules.remove("");
    CHECK(rules.list().empty());
  }
}
