#include "fake-arm/core/operation_settle.hpp"

#include "emulator/http/settle.hpp"
#include "emulator/json/strings.hpp"
#include "tests/fake-arm/providers/network/network_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::arm;
using namespace azemu::testing;

namespace {
http::Reply first_reply(int status, const nlohmann::json& body) {
  auto r = body.is_null() ? http::Reply::empty(status) : http::Reply::json(status, body);
  r.header("Azure-AsyncOperation", "https://management.azure.com/subscriptions/s/providers/Microsoft.Compute/"
                                   "locations/westus/operations/op1?api-version=2022-11-01");
  r.header("Location", "https://management.azure.com/subscriptions/s/providers/Microsoft.Compute/"
                       "locations/westus/operationResults/op1?api-version=2022-11-01");
  r.header("Retry-After", "1");
  r.header("x-ms-request-id", "req-1");
  return r;
}

AsyncOperation op_with(OperationStatus status, nlohmann::json result = nullptr) {
  AsyncOperation op;
  op.id = "op1";
  op.status = status;
  op.result = std::move(result);
  return op;
}

bool has_header(const http::Reply& r, const std::string& name) {
  for (const auto& h : r.headers)
    if (text::iequals(h.first, name)) return true;
  return false;
}

const nlohmann::json kCreating = {{"name", "vm1"}, {"properties", {{"provisioningState", "Creating"}}}};
const nlohmann::json kSucceeded = {{"name", "vm1"}, {"properties", {{"provisioningState", "Succeeded"}}}};
}  // namespace

TEST_SUITE("operation_settle") {
  TEST_CASE("a PUT whose operation succeeded answers its own status with the final body and no polling headers") {
    auto done = settled_reply(first_reply(201, kCreating), "PUT", op_with(OperationStatus::succeeded, kSucceeded));
    REQUIRE(done);
    CHECK(done->status == 201);
    CHECK(nlohmann::json::parse(done->body) == kSucceeded);
    CHECK_FALSE(has_header(*done, "Azure-AsyncOperation"));
    CHECK_FALSE(has_header(*done, "Location"));
    CHECK_FALSE(has_header(*done, "Retry-After"));
    CHECK(has_header(*done, "x-ms-request-id"));  // everything else stays

    // No result stored: the first body counts when it already says Succeeded (a network PUT).
    auto same = settled_reply(first_reply(200, kSucceeded), "PATCH", op_with(OperationStatus::succeeded));
    REQUIRE(same);
    CHECK(same->status == 200);
    CHECK(nlohmann::json::parse(same->body) == kSucceeded);
    // ...and not when it does not: a client reading it would poll a resource that says Creating.
    CHECK_FALSE(settled_reply(first_reply(201, kCreating), "PUT", op_with(OperationStatus::succeeded)));
  }

  TEST_CASE("a POST action that succeeded answers 200 with the operation's result") {
    auto run = settled_reply(first_reply(202, nullptr), "POST",
                             op_with(OperationStatus::succeeded, {{"value", nlohmann::json::array()}}));
    REQUIRE(run);
    CHECK(run->status == 200);
    CHECK(nlohmann::json::parse(run->body)["value"].is_array());
    CHECK_FALSE(has_header(*run, "Location"));
    auto restart = settled_reply(first_reply(202, nullptr), "POST", op_with(OperationStatus::succeeded));
    REQUIRE(restart);
    CHECK(restart->status == 200);
    CHECK(restart->body.empty());
  }

  TEST_CASE("running, failed and canceled operations, and every DELETE, keep the first reply") {
    CHECK_FALSE(settled_reply(first_reply(201, kCreating), "PUT", op_with(OperationStatus::in_progress)));
    CHECK_FALSE(settled_reply(first_reply(202, nullptr), "POST", op_with(OperationStatus::failed)));
    CHECK_FALSE(settled_reply(first_reply(202, nullptr), "POST", op_with(OperationStatus::canceled)));
    CHECK_FALSE(settled_reply(first_reply(202, nullptr), "DELETE", op_with(OperationStatus::succeeded)));
    CHECK_FALSE(settled_reply(first_reply(202, kSucceeded), "PUT", op_with(OperationStatus::succeeded, kSucceeded)));
  }

  TEST_CASE("ARM's routes attach a settle to an operation's first reply; it turns final once the work ended") {
    NetworkFixture f;
    auto body = nlohmann::json{{"location", "westus"},
                               {"properties", {{"addressSpace", {{"addressPrefixes", {"10.0.0.0/16"}}}}}}};
    http::Reply first = f.stack.handle("PUT", f.net_url("virtualNetworks/v1"), body.dump(),
                                       {{"authorization", "Bearer " + f.token}});
    REQUIRE(first.status == 201);
    REQUIRE(first.settle);
    CHECK(first.settle->bound.count() > 0);
    int woken = 0;
    first.settle->subscribe([&] { ++woken; });
    CHECK(woken == 1);  // recorded as Succeeded in the request's own transaction: ended already
    auto settle = first.settle;
    http::Reply done = settle->finish(std::move(first));
    CHECK(done.status == 201);
    CHECK(nlohmann::json::parse(done.body)["properties"]["provisioningState"] == "Succeeded");
    CHECK_FALSE(has_header(done, "Azure-AsyncOperation"));
    CHECK(has_header(done, "x-ms-request-id"));

    // Reads and deletes never settle.
    CHECK_FALSE(f.stack.handle("GET", f.net_url("virtualNetworks/v1"), "", {{"authorization", "Bearer " + f.token}}).settle);
    auto del = f.stack.handle("DELETE", f.net_url("virtualNetworks/v1"), "", {{"authorization", "Bearer " + f.token}});
    CHECK(del.status == 202);
    CHECK_FALSE(del.settle);
  }

  TEST_CASE("attach: the wake-up comes after the commit that ends the operation; bound 0 attaches nothing") {
    ArmFixture f;
    OperationEvents events(f.stack.clock());
    AsyncOperations ops(f.stack.clock(), &events);
    OperationSettle settle(f.stack.db(), ops, events, std::chrono::milliseconds(200));
    auto op = f.stack.db().write([&](store::Connection& c) {
      return ops.start(c, {f.sub, "Microsoft.Compute", "westus", "virtualMachineRunCommand", ""});
    });
    http::Request req;
    req.method = "POST";
    req.params["subscriptionId"] = f.sub;
    http::Reply first = http::Reply::empty(202);
    first.header("Location", kArm + "/subscriptions/" + f.sub + "/providers/Microsoft.Compute/locations/westus/operationResults/" +
                                 op.id + "?api-version=2022-11-01");
    http::Reply reply = first;
    settle.attach(reply, req);
    REQUIRE(reply.settle);
    std::string seen;
    reply.settle->subscribe([&] {
      auto now = f.stack.db().read([&](store::Connection& c) { return ops.get(c, f.sub, op.id); });
      seen = to_string(now->status);
    });
    CHECK(reply.settle->finish(first).status == 202);  // still running: the first reply
    f.stack.db().write([&](store::Connection& c) {
      ops.succeed(c, op.id, {{"value", nlohmann::json::array()}});
      CHECK(seen.empty());  // not yet committed: nobody woken
    });
    CHECK(seen == "Succeeded");
    CHECK(reply.settle->finish(first).status == 200);

    OperationSettle off(f.stack.db(), ops, events, std::chrono::milliseconds(0));
    http::Reply untouched = first;
    off.attach(untouched, req);
    CHECK_FALSE(untouched.settle);
  }
}
