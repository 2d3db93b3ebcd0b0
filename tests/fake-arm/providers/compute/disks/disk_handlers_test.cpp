#include "fake-arm/providers/compute/disks/disk_handlers.hpp"

#include "tests/fake-arm/providers/compute/compute_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::testing;
using nlohmann::json;

TEST_SUITE("disk_handlers") {
  TEST_CASE("PUT an empty disk, grow it with PATCH, refuse to shrink, list and delete") {
    ComputeFixture f;
    auto r = f.call("PUT", f.disk_url("d1"),
                    R"({"location":"WestUS","sku":{"name":"premium_lrs"},"properties":{"creationData":{"createOption":"Empty"},"diskSizeGB":4}})");
    REQUIRE(r.status == 201);
    auto d = r.json();
    CHECK(d["type"] == "Microsoft.Compute/disks");
    CHECK(d["location"] == "westus");
    CHECK(d["sku"] == json{{"name", "Premium_LRS"}, {"tier", "Premium"}});
    CHECK(d["properties"]["diskState"] == "Unattached");
    CHECK(d["properties"]["provisioningState"] == "Succeeded");
    CHECK(d["properties"]["uniqueId"].get<std::string>().size() == 36);
    CHECK(d["properties"]["tier"] == "P1");
    CHECK_FALSE(d.contains("managedBy"));

    auto grown = f.call("PATCH", f.disk_url("d1"), R"({"properties":{"diskSizeGB":10}})");
    CHECK(grown.status == 200);
    CHECK(grown.json()["properties"]["diskSizeGB"] == 10);
    auto shrink = f.call("PATCH", f.disk_url("d1"), R"({"properties":{"diskSizeGB":2}})");
    CHECK(shrink.status == 409);
    CHECK(shrink.json()["error"]["code"] == "OperationNotAllowed");

    CHECK(f.call("GET", f.sub_url("/providers/Microsoft.Compute/disks", "2022-07-02")).json()["value"].size() == 1);
    CHECK(f.call("DELETE", f.disk_url("d1")).status == 200);
    CHECK(f.call("DELETE", f.disk_url("d1")).status == 204);
    CHECK(f.call("GET", f.disk_url("d1")).json()["error"]["code"] == "ResourceNotFound");
  }

  TEST_CASE("disk PUT errors: no size, bad size, unsupported createOption") {
    ComputeFixture f;
    auto r = f.call("PUT", f.disk_url("d1"), R"({"location":"westus","properties":{"creationData":{"createOption":"Empty"}}})");
    CHECK(r.status == 400);
    CHECK(r.json()["error"]["code"] == "InvalidParameter");
    r = f.call("PUT", f.disk_url("d1"), R"({"location":"westus","properties":{"creationData":{"createOption":"Empty"},"diskSizeGB":0}})");
    CHECK(r.status == 400);
    r = f.call("PUT", f.disk_url("d1"), R"({"location":"westus","properties":{"creationData":{"createOption":"Copy"},"diskSizeGB":1}})");
    CHECK(r.status == 501);
  }
}
