#include "fake-arm/mount.hpp"

#include "tests/support/test_stack.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace azemu;

TEST_SUITE("seed") {
  TEST_CASE("seeds the subscription and two Owner assignments, idempotently") {
    auto dir = testing::make_temp_dir("arm-seed");
    {
      store::Database db(dir + "/azemu.db", arm::migrations());
      auto s = testing::test_seed();
      arm::seed(db, s);
      arm::seed(db, s);
      db.read([&](store::Connection& c) {
        auto q = c.query("SELECT tenant_id, display_name FROM arm_subscriptions WHERE subscription_id = ?", s.subscription_id);
        REQUIRE(q.step());
        CHECK(q.text(0) == s.tenant_id);
        CHECK(q.text(1) == s.subscription_name);
        auto r = c.query("SELECT principal_id, role_definition_id, scope FROM arm_role_assignments ORDER BY principal_type");
        REQUIRE(r.step());
        CHECK(r.text(0) == s.client_object_id);
        CHECK(r.text(1) == "8e3af657-a8ff-443c-a75c-2fe8c4bcb635");
        CHECK(r.text(2) == "/subscriptions/" + s.subscription_id);
        REQUIRE(r.step());
        CHECK(r.text(0) == s.admin_object_id);
        CHECK_FALSE(r.step());
        return 0;
      });
    }
    std::filesystem::remove_all(dir);
  }
}
