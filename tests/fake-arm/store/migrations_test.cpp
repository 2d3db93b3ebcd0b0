#include "fake-arm/mount.hpp"

#include "tests/support/test_stack.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace azemu;

TEST_SUITE("migrations") {
  TEST_CASE("version 2 lower-cases existing assignments and fills their tenant") {
    auto dir = testing::make_temp_dir("arm-migrate");
    {
      auto all = arm::migrations();
      store::Database v1(dir + "/azemu.db", {all.at(0)});
      v1.write([](store::Connection& c) {
        c.run("INSERT INTO arm_subscriptions VALUES ('s1', 't1', 'sub', 'Enabled', 1)");
        c.run("INSERT INTO arm_role_assignments (id, scope_key, scope, role_definition_id, principal_id, principal_type, "
              "created_at) VALUES ('a1', '/subscriptions/s1', '/subscriptions/s1', 'ABC', 'OID-X', 'User', 7)");
      });
    }
    {
      store::Database v2(dir + "/azemu.db", arm::migrations());
      v2.read([](store::Connection& c) {
        auto q = c.query("SELECT principal_id, role_definition_id, tenant_id, updated_at FROM arm_role_assignments");
        REQUIRE(q.step());
        CHECK(q.text(0) == "oid-x");
        CHECK(q.text(1) == "abc");
        CHECK(q.text(2) == "t1");
        CHECK(q.int64(3) == 7);
        return 0;
      });
    }
    std::filesystem::remove_all(dir);
  }
}
