#include "tests/fake-arm/deployments/template/template_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm::tmpl;
using namespace azemu::arm::tmpl::testing;
using nlohmann::json;

TEST_SUITE("functions_numeric") {
  TEST_CASE("arithmetic on integers") {
    CHECK(eval("[add(2, 3)]") == 5);
    CHECK(eval("[sub(2, 3)]") == -1);
    CHECK(eval("[mul(4, -3)]") == -12);
    CHECK(eval("[div(7, 2)]") == 3);
    CHECK(eval("[mod(7, 3)]") == 1);
    CHECK(error_of([] { eval("[div(1, 0)]"); }).code() == "InvalidTemplate");
    CHECK(error_of([] { eval("[add('1', 2)]"); }).code() == "InvalidTemplate");
    CHECK(error_of([] { eval("[mul(9223372036854775807, 2)]"); }).code() == "InvalidTemplate");
  }

  TEST_CASE("int, min, max") {
    CHECK(eval("[int('42')]") == 42);
    CHECK(eval("[int('-7')]") == -7);
    CHECK(error_of([] { eval("[int('4x')]"); }).code() == "InvalidTemplate");
    CHECK(eval("[min(3, 1, 2)]") == 1);
    CHECK(eval("[max(createArray(3, 9, 2))]") == 9);
  }
}
