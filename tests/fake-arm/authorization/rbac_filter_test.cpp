#include "fake-arm/authorization/rbac_filter.hpp"

#include "emulator/error/azure_error.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::arm;

TEST_SUITE("rbac_filter") {
  TEST_CASE("parses the clauses az and the SDKs send") {
    CHECK(parse_rbac_filter("atScope()").at_scope);
    CHECK(parse_rbac_filter("principalId eq 'ABC'").principal_id == "abc");
    auto both = parse_rbac_filter("atScope() and assignedTo('X-1')");
    CHECK(both.at_scope);
    CHECK(both.assigned_to == "x-1");
    CHECK(parse_rbac_filter("roleName eq 'Key Vault Crypto User'").role_name == "Key Vault Crypto User");
    CHECK(parse_rbac_filter("type eq 'CustomRole'").role_type == "CustomRole");
    CHECK(parse_rbac_filter("roleName eq 'O''Brien'").role_name == "O'Brien");
    CHECK(parse_rbac_filter("  ").role_name == std::nullopt);
  }

  TEST_CASE("anything else is InvalidFilterInQueryString") {
    for (const char* bad : {"atScope", "atScope() or principalId eq 'a'", "foo eq 'a'", "principalId ne 'a'",
                            "principalId eq a", "assignedTo(a)", "roleName eq 'unterminated",
                            "atScope() and principalId eq 'a'", "atScopeAndBelow()"}) {
      CAPTURE(bad);
      try {
        parse_rbac_filter(bad);
        FAIL("accepted");
      } catch (const AzureError& e) {
        CHECK(e.code() == "InvalidFilterInQueryString");
      }
    }
  }
}
