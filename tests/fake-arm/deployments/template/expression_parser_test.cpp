#include "fake-arm/deployments/template/expression_parser.hpp"

#include "fake-arm/deployments/template/expression_error.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm::tmpl;

namespace {
std::size_t error_position(std::string_view body) {
  try {
    parse_expression(body);
  } catch (const ExpressionError& e) {
    return e.position();
  }
  return 9999;
}
}  // namespace

TEST_SUITE("expression_parser") {
  TEST_CASE("only strings in brackets are expressions; [[ escapes a literal bracket") {
    CHECK(expression_body("[concat('a')]").value() == "concat('a')");
    CHECK_FALSE(expression_body("plain"));
    CHECK_FALSE(expression_body("[[notAnExpression()]"));
    CHECK_FALSE(expression_body("[no closing"));
    CHECK(unescape_literal("[[notAnExpression()]") == "[notAnExpression()]");
    CHECK(unescape_literal("[[only opening") == "[[only opening");
    CHECK(unescape_literal("plain") == "plain");
  }

  TEST_CASE("nested calls, strings with doubled quotes, negative integers") {
    Node n = parse_expression("concat('it''s', toLower('A'), -3)");
    REQUIRE(n.kind == Node::Kind::Call);
    CHECK(n.text == "concat");
    REQUIRE(n.args.size() == 3);
    CHECK(n.args[0].text == "it's");
    CHECK(n.args[1].kind == Node::Kind::Call);
    CHECK(n.args[1].args[0].text == "A");
    CHECK(n.args[2].kind == Node::Kind::Integer);
    CHECK(n.args[2].number == -3);
  }

  TEST_CASE("property and index chains bind left to right") {
    Node n = parse_expression("parameters('p').a[0]['b'].c");
    REQUIRE(n.kind == Node::Kind::Property);
    CHECK(n.text == "c");
    const Node& idx_b = n.args[0];
    REQUIRE(idx_b.kind == Node::Kind::Index);
    CHECK(idx_b.args[1].text == "b");
    const Node& idx0 = idx_b.args[0];
    REQUIRE(idx0.kind == Node::Kind::Index);
    CHECK(idx0.args[1].number == 0);
    CHECK(idx0.args[0].kind == Node::Kind::Property);
    CHECK(idx0.args[0].text == "a");
  }

  TEST_CASE("whitespace between tokens is ignored") {
    Node n = parse_expression("  concat ( 'a' ,  'b' ) ");
    CHECK(n.args.size() == 2);
  }

  TEST_CASE("syntax errors report the character position") {
    CHECK(error_position("concat('a'") == 10);       // ended early
    CHECK(error_position("concat('a' 'b')") == 11);  // missing comma
    CHECK(error_position("concat('a)") == 7);        // unterminated string starts here
    CHECK(error_position("concat(#)") == 7);         // unexpected character
    CHECK(error_position("'literal'") == 0);         // top level must be a call
    CHECK(error_position("") == 0);
    CHECK(error_position("foo.") == 3);              // identifiers must be calls
    CHECK(error_position("a().") == 4);
  }
}
