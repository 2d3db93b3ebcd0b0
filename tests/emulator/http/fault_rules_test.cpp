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
    auto hit = rules.match(put_group("rg"), "arm");
    REQUIRE(hit);
    REQUIRE(hit->error);
    auto& first = hit->error;
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
    CHECK(e->error->status_override() == 500);
    auto kv = rules.match(put_group("x"), "keyvault");
    REQUIRE(kv);
    CHECK(kv->error->code() == "ServerBusy");
  }

  TEST_CASE("a bad value is refused with a message that names the field") {
    auto message_of = [](const nlohmann::json& j) {
      try {
        fault_rule_from_json(j);
      } catch (const AzureError& e) {
        CHECK(e.code() == "InvalidFaultRule");
        return e.message();
      }
      return std::string("accepted");
    };
    CHECK(message_of({{"latencyMs", -5}}).find("'latencyMs'") != std::string::npos);
    CHECK(message_of({{"drop", "yes"}}).find("'drop'") != std::string::npos);
    CHECK(message_of({{"failLro", {{"code", "X"}, {"afterPols", 2}}}}).find("'failLro.afterPols'") != std::string::npos);
    CHECK(message_of({{"failLro", {{"message", "no code"}}}}).find("'failLro.code'") != std::string::npos);
    CHECK(message_of({{"failLro", {{"code", "X"}, {"afterPolls", 0}}}}).find("'failLro.afterPolls'") != std::string::npos);
    CHECK(message_of({{"drop", true}, {"status", 500}}).find("'drop'") != std::string::npos);
    CHECK(message_of({{"failLro", {{"code", "X"}}}, {"status", 500}}).find("'failLro'") != std::string::npos);
    CHECK(message_of({{"forSeconds", 0}}).find("'forSeconds'") != std::string::npos);
  }

  TEST_CASE("latency, drop and failLro are actions of their own; latency may slow an error") {
    FaultRules rules;
    rules.add(fault_rule_from_json({{"path", "*/slow"}, {"latencyMs", 1500}}));
    rules.add(fault_rule_from_json({{"path", "*/slowerror"}, {"latencyMs", 200}, {"status", 503}}));
    rules.add(fault_rule_from_json({{"path", "*/gone"}, {"drop", true}}));
    rules.add(fault_rule_from_json({{"operation", "Microsoft.Compute/virtualMachines/write"},
                                    {"failLro", {{"code", "OSProvisioningTimedOut"}, {"afterPolls", 3}}}}));
    auto slow = rules.match(put_group("slow"), "arm");
    REQUIRE(slow);
    CHECK(slow->delay == std::chrono::milliseconds(1500));
    CHECK_FALSE(slow->error);
    auto slow_error = rules.match(put_group("slowerror"), "arm");
    CHECK(slow_error->delay == std::chrono::milliseconds(200));
    CHECK(slow_error->error->code() == "ServerBusy");
    CHECK(rules.match(put_group("gone"), "arm")->drop);
    Request vm;
    vm.method = "PUT";
    vm.path = "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/vm1";
    CHECK_FALSE(rules.match(vm, "arm", "Microsoft.Compute/virtualMachines/read"));
    auto lro = rules.match(vm, "arm", "microsoft.compute/virtualmachines/write");
    REQUIRE(lro);
    REQUIRE(lro->fail_lro);
    CHECK(lro->fail_lro->code == "OSProvisioningTimedOut");
    CHECK(lro->fail_lro->after_polls == 3);
    CHECK(lro->fail_lro->message == "Injected by an azemu fault rule.");
    CHECK(lro->fail_lro->rule_id == "f4");
    auto listed = to_json(rules.list()[3]);
    CHECK(listed["failLro"]["afterPolls"] == 3);
    CHECK(listed["hits"] == 1);
    CHECK_FALSE(listed.contains("status"));
  }

  TEST_CASE("a time window opens afterSeconds after the rule was added and lasts forSeconds") {
    exec::FakeClock clock;
    FaultRules rules(&clock);
    rules.add(fault_rule_from_json({{"status", 500}, {"afterSeconds", 60}, {"forSeconds", 30}}));
    CHECK_FALSE(rules.match(put_group("rg"), "arm"));
    clock.advance(std::chrono::seconds(60));
    CHECK(rules.match(put_group("rg"), "arm"));
    clock.advance(std::chrono::seconds(30));
    CHECK_FALSE(rules.match(put_group("rg"), "arm"));
    CHECK(rules.hits() == 1);
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
