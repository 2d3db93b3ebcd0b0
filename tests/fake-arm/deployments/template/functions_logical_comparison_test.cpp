#include "tests/fake-arm/deployments/template/template_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm::tmpl;
using namespace azemu::arm::tmpl::testing;
using nlohmann::json;

TEST_SUITE("functions_logical_comparison") {
  TEST_CASE("and, or, not, bool") {
    CHECK(eval("[and(true(), true(), false())]") == false);
    CHECK(eval("[or(false(), true())]") == true);
    CHECK(eval("[not(false())]") == true);
    CHECK(eval("[bool('TRUE')]") == true);
    CHECK(eval("[bool(0)]") == false);
    CHECK(error_of([] { eval("[and(true(), 'x')]"); }).code() == "InvalidTemplate");
    CHECK(error_of([] { eval("[bool('maybe')]"); }).code() == "InvalidTemplate");
  }

  TEST_CASE("equals compares deeply and strings case-sensitively") {
    CHECK(eval("[equals(createArray(1, createObject('a', 'b')), createArray(1, createObject('a', 'b')))]") == true);
    CHECK(eval("[equals('a', 'A')]") == false);
    CHECK(eval("[equals(1, '1')]") == false);
  }

  TEST_CASE("ordering on integers and strings") {
    CHECK(eval("[greater(10, 9)]") == true);
    CHECK(eval("[greaterOrEquals(9, 9)]") == true);
    CHECK(eval("[less('a', 'b')]") == true);
    CHECK(eval("[lessOrEquals(3, 2)]") == false);
    CHECK(error_of([] { eval("[less(1, 'b')]"); }).code() == "InvalidTemplate");
  }
}
