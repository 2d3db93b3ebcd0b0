// Splits the inside of a "[...]" template expression into tokens: identifiers, single-quoted
// strings ('' is an escaped quote), integers, and the punctuation ( ) [ ] , .
// It does not know functions or grammar; that is expression_parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace azemu::arm::tmpl {

struct Token {
  enum class Kind { Identifier, String, Integer, LParen, RParen, LBracket, RBracket, Comma, Dot, End };
  Kind kind = Kind::End;
  std::string text;         // identifier name or unescaped string value
  std::int64_t number = 0;  // Integer
  std::size_t position = 0; // offset in the expression
};

/// Throws ExpressionError (with position) on an unterminated string or an unexpected character.
std::vector<Token> tokenize(std::string_view expression);

}  // namespace azemu::arm::tmpl
