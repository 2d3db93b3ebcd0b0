#include "tests/fake-arm/deployments/template/template_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm::tmpl;
using namespace azemu::arm::tmpl::testing;
using nlohmann::json;

TEST_SUITE("functions_array_object") {
  TEST_CASE("array builders and coalesce") {
    CHECK(eval("[array('a')]") == json{"a"});
    CHECK(eval("[array(createArray(1))]") == json{1});
    CHECK(eval("[createObject('a', 1, 'b', createArray(true()))]") == json{{"a", 1}, {"b", {true}}});
    CHECK(eval("[coalesce(null(), null(), 'x', 'y')]") == "x");
    CHECK(eval("[null()]") == nullptr);
    CHECK(eval("[json('{\"a\":[1,2]}').a[1]]") == 2);
  }

  TEST_CASE("contains: arrays by value, object keys ignore case, strings match case") {
    CHECK(eval("[contains(createArray(1, 'two'), 'two')]") == true);
    CHECK(eval("[contains(createObject('Key', 1), 'key')]") == true);
    CHECK(eval("[contains('OneTwo', 'Two')]") == true);
    CHECK(eval("[contains('OneTwo', 'two')]") == false);
  }

  TEST_CASE("empty, length, first, last") {
    CHECK(eval("[empty('')]") == true);
    CHECK(eval("[empty(createArray())]") == true);
    CHECK(eval("[empty(createObject('a', 1))]") == false);
    CHECK(eval("[length('abc')]") == 3);
    CHECK(eval("[length(createArray(1, 2))]") == 2);
    CHECK(eval("[length(createObject('a', 1))]") == 1);
    CHECK(eval("[first(createArray('x', 'y'))]") == "x");
    CHECK(eval("[last('xyz')]") == "z");
    CHECK(eval("[first(createArray())]") == nullptr);
  }

  TEST_CASE("take and skip clamp to the bounds") {
    CHECK(eval("[take(createArray(1, 2, 3), 2)]") == json{1, 2});
    CHECK(eval("[take('abc', 10)]") == "abc");
    CHECK(eval("[skip(createArray(1, 2, 3), 2)]") == json{3});
    CHECK(eval("[skip('abc', -1)]") == "abc");
  }

  TEST_CASE("union merges objects deeply and arrays without duplicates; intersection keeps common items") {
    json p = {{"a", {{"x", 1}, {"nested", {{"k1", 1}}}}}, {"b", {{"y", 2}, {"nested", {{"k2", 2}}}}}};
    CHECK(eval("[union(parameters('a'), parameters('b'))]", p) ==
          json{{"x", 1}, {"y", 2}, {"nested", {{"k1", 1}, {"k2", 2}}}});
    CHECK(eval("[union(createArray(1, 2), createArray(2, 3))]") == json{1, 2, 3});
    CHECK(eval("[intersection(createArray(1, 2, 3), createArray(3, 2, 9))]") == json{2, 3});
    CHECK(eval("[intersection(createObject('a', 1, 'b', 2), createObject('a', 1, 'b', 3))]") == json{{"a", 1}});
  }

  TEST_CASE("items, range, join") {
    CHECK(eval("[items(createObject('b', 2, 'a', 1))]") ==
          json{{{"key", "a"}, {"value", 1}}, {{"key", "b"}, {"value", 2}}});
    CHECK(eval("[range(5, 3)]") == json{5, 6, 7});
    CHECK(eval("[join(createArray('a', 1), ',')]") == "a,1");
    CHECK(error_of([] { eval("[range(0, 10001)]"); }).code() == "InvalidTemplate");
  }
}
