#include "fake-arm/core/async_operations.hpp"

#include "tests/fake-arm/arm_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::arm;
using namespace azemu::testing;

namespace {
std::string path_of(const std::string& url) { return url.substr(url.find("/subscriptions")); }
}  // namespace

TEST_SUITE("async_operations") {
  TEST_CASE("an operation is polled through its status and result URLs until it succeeds") {
    ArmFixture f;
    AsyncOperations ops(f.stack.clock());
    auto op = f.stack.db().write([&](store::Connection& c) {
      return ops.start(c, {f.sub, "Microsoft.Compute", "westus", "virtualMachineCreate", "/subscriptions/x"});
    });
    const std::string status_url = kArm + "/subscriptions/" + f.sub + "/providers/Microsoft.Compute/locations/westus/operations/" + op.id + "?api-version=2022-11-01";
    const std::string result_url = kArm + "/subscriptions/" + f.sub + "/providers/Microsoft.Compute/locations/westus/operationResults/" + op.id + "?api-version=2022-11-01";

    auto s1 = f.call("GET", status_url);
    CHECK(s1.status == 200);
    CHECK(s1.json()["status"] == "InProgress");
    CHECK(s1.json()["name"] == op.id);
    CHECK(s1.json()["startTime"] == "2027-01-15T08:00:00Z");
    CHECK_FALSE(s1.json().contains("endTime"));
    CHECK(s1.header("retry-after") == "1");

    auto r1 = f.call("GET", result_url);
    CHECK(r1.status == 202);
    CHECK(r1.header("retry-after") == "1");
    CHECK(path_of(r1.header("location")) == path_of(result_url));

    f.stack.clock().advance(std::chrono::seconds(5));
    CHECK(f.stack.db().write([&](store::Connection& c) { return ops.succeed(c, op.id, {{"name", "vm1"}}); }));
    CHECK_FALSE(f.stack.db().write([&](store::Connection& c) { return ops.fail(c, op.id, "Late", "ignored"); }));

    auto s2 = f.call("GET", status_url).json();
    CHECK(s2["status"] == "Succeeded");
    CHECK(s2["endTime"] == "2027-01-15T08:00:05Z");
    CHECK(s2["percentComplete"] == 100.0);
    auto r2 = f.call("GET", result_url);
    CHECK(r2.status == 200);
    CHECK(r2.json()["name"] == "vm1");
  }

  TEST_CASE("a failed operation reports its error on both URLs") {
    ArmFixture f;
    AsyncOperations ops(f.stack.clock());
    auto op = f.stack.db().write([&](store::Connection& c) {
      auto o = ops.start(c, {f.sub, "Microsoft.Compute", "westus", "vmRestart", ""});
      ops.fail(c, o.id, "VMAgentStatusCommunicationError", "The agent did not respond.");
      return o;
    });
    auto base = kArm + "/subscriptions/" + f.sub + "/providers/Microsoft.Compute/locations/westus/";
    auto s = f.call("GET", base + "operations/" + op.id).json();
    CHECK(s["status"] == "Failed");
    CHECK(s["error"]["code"] == "VMAgentStatusCommunicationError");
    auto r = f.call("GET", base + "operationResults/" + op.id);
    CHECK(r.status == 400);
    CHECK(r.json()["error"]["code"] == "VMAgentStatusCommunicationError");
  }

  TEST_CASE("unknown operations and other subscriptions' operations are 404") {
    ArmFixture f;
    auto r = f.call("GET", f.sub_url("/operationresults/00000000-0000-0000-0000-000000000000"));
    CHECK(r.status == 404);
    CHECK(r.json()["error"]["code"] == "OperationNotFound");
    AsyncOperations ops(f.stack.clock());
    auto other = f.stack.db().write([&](store::Connection& c) {
      return ops.start(c, {"33333333-0000-4000-8000-000000000000", "Microsoft.Compute", "westus", "x", ""});
    });
    CHECK(f.call("GET", f.sub_url("/operationresults/" + other.id)).status == 404);
  }

  TEST_CASE("status names round-trip") {
    for (auto s : {OperationStatus::in_progress, OperationStatus::succeeded, OperationStatus::failed, OperationStatus::canceled})
      CHECK(operation_status_from(to_string(s)) == s);
    CHECK(operation_status_from("succeeded") == OperationStatus::succeeded);
    CHECK_FALSE(operation_status_from("Done"));
  }
}
