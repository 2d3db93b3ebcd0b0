#include "fake-arm/deployments/template/expression_evaluator.hpp"

#include "tests/fake-arm/deployments/template/template_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm::tmpl;
using namespace azemu::arm::tmpl::testing;
using nlohmann::json;

TEST_SUITE("expression_evaluator") {
  TEST_CASE("plain strings pass through and [[ is unescaped") {
    CHECK(eval("hello") == "hello");
    CHECK(eval("[[concat('a')]") == "[concat('a')]");
    CHECK(eval(json{{"a", {"[concat('x','y')]", 1, true}}}) == json{{"a", {"xy", 1, true}}});
  }

  TEST_CASE("property access ignores case; index works on arrays and objects") {
    json p = {{"o", {{"Name", "n1"}, {"list", {10, 20, {{"deep", "d"}}}}}}};
    CHECK(eval("[parameters('o').name]", p) == "n1");
    CHECK(eval("[parameters('O').LIST[1]]", p) == 20);
    CHECK(eval("[parameters('o')['list'][2].Deep]", p) == "d");
    CHECK(eval("[createArray('a','b')[add(0,1)]]") == "b");
  }

  TEST_CASE("function names are case-insensitive") {
    CHECK(eval("[CONCAT('a', ToLower('B'))]") == "ab");
  }

  TEST_CASE("if evaluates only the branch it takes") {
    CHECK(eval("[if(true(), 'yes', first(createArray()).missing)]") == "yes");
    CHECK(eval("[if(equals(1, 2), 'yes', 'no')]") == "no");
  }

  TEST_CASE("errors name the function, the path and the position") {
    auto e = error_of([] { eval("[concat('a', foo())]"); });
    CHECK(e.code() == "InvalidTemplate");
    std::string m = e.what();
    CHECK(m.find("The template function 'foo' is not valid.") != std::string::npos);
    CHECK(m.find("position '13'") != std::string::npos);
    CHECK(m.find("[concat('a', foo())]") != std::string::npos);

    auto missing = error_of([] { eval("[parameters('o').nope]", json{{"o", {{"a", 1}}}}); });
    CHECK(std::string(missing.what()).find("The language expression property 'nope' doesn't exist, available properties are 'a'.") !=
          std::string::npos);
    auto oob = error_of([] { eval("[createArray(1)[3]]"); });
    CHECK(std::string(oob.what()).find("index '3' is out of bounds") != std::string::npos);
  }

  TEST_CASE("property copy expands into an array with copyIndex('name')") {
    json v = {{"copy", {{{"name", "disks"}, {"count", 3}, {"input", {{"lun", "[copyIndex('disks')]"}, {"name", "[concat('d', copyIndex('disks', 1))]"}}}}}},
              {"other", "x"}};
    json out = eval(v);
    REQUIRE(out["disks"].size() == 3);
    CHECK(out["disks"][2] == json{{"lun", 2}, {"name", "d3"}});
    CHECK(out["other"] == "x");
    CHECK_FALSE(out.contains("copy"));
  }

  TEST_CASE("a copy count outside 0..800 is rejected") {
    json v = {{"copy", {{{"name", "x"}, {"count", 801}, {"input", 1}}}}};
    CHECK(error_of([&] { eval(v); }).code() == "InvalidTemplate");
    json zero = {{"copy", {{{"name", "x"}, {"count", 0}, {"input", 1}}}}};
    CHECK(eval(zero)["x"] == json::array());
  }
}
