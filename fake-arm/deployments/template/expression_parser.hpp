// Parses template language expressions into a Node tree, and decides which JSON strings are
// expressions at all: "[...]" is an expression, "[[..." is the literal "[...", anything else is
// a plain string.
#pragma once

#include "fake-arm/deployments/template/expression_ast.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace azemu::arm::tmpl {

/// The inside of a template string when it is an expression ("[concat('a')]" → "concat('a')"),
/// nullopt for plain strings and "[[" escapes.
std::optional<std::string_view> expression_body(std::string_view template_string);

/// The literal a non-expression string stands for: "[[x]" → "[x]", anything else unchanged.
std::string unescape_literal(std::string_view template_string);

/// Parses an expression body. Throws ExpressionError with the offending position.
Node parse_expression(std::string_view body);

}  // namespace azemu::arm::tmpl
