// Tokenizer for template language expressions. ARM's grammar is small: no operators, only calls,
// literals and member/index access, so a hand-written scanner is clearer than a generator.
#include "fake-arm/deployments/template/expression_lexer.hpp"

#include "fake-arm/deployments/template/expression_error.hpp"

#include <cctype>
#include <limits>

namespace azemu::arm::tmpl {
namespace {

bool is_ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

std::string unexpected(char c, std::size_t at) {
  return "The language expression contains the unexpected character '" + std::string(1, c) + "' at position '" +
         std::to_string(at) + "'.";
}

}  // namespace

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  auto punct = [&](Token::Kind k) {
    out.push_back(Token{k, std::string(1, s[i]), 0, i});
    ++i;
  };
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '(') {
      punct(Token::Kind::LParen);
    } else if (c == ')') {
      punct(Token::Kind::RParen);
    } else if (c == '[') {
      punct(Token::Kind::LBracket);
    } else if (c == ']') {
      punct(Token::Kind::RBracket);
    } else if (c == ',') {
      punct(Token::Kind::Comma);
    } else if (c == '.') {
      punct(Token::Kind::Dot);
    } else if (c == '\'') {
      std::size_t start = i++;
      std::string value;
      for (;;) {
        if (i >= s.size())
          throw ExpressionError("The language expression has an unterminated string literal starting at position '" +
                                    std::to_string(start) + "'.",
                                start);
        if (s[i] == '\'') {
          if (i + 1 < s.size() && s[i + 1] == '\'') {  // '' is one quote
            value += '\'';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        value += s[i++];
      }
      out.push_back(Token{Token::Kind::String, std::move(value), 0, start});
    } else if (is_digit(c) || ((c == '-' || c == '+') && i + 1 < s.size() && is_digit(s[i + 1]))) {
      std::size_t start = i;
      bool negative = c == '-';
      if (c == '-' || c == '+') ++i;
      std::uint64_t v = 0;
      while (i < s.size() && is_digit(s[i])) {
        v = v * 10 + static_cast<std::uint64_t>(s[i] - '0');
        if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (negative ? 1u : 0u))
          throw ExpressionError("The integer literal at position '" + std::to_string(start) + "' is too large.", start);
        ++i;
      }
      if (i < s.size() && s[i] == '.')  // ARM has no floating point literals
        throw ExpressionError(unexpected('.', i), i);
      Token t{Token::Kind::Integer, std::string(s.substr(start, i - start)), 0, start};
      t.number = negative ? static_cast<std::int64_t>(0 - v) : static_cast<std::int64_t>(v);
      out.push_back(std::move(t));
    } else if (is_ident_start(c)) {
      std::size_t start = i;
      while (i < s.size() && is_ident_char(s[i])) ++i;
      out.push_back(Token{Token::Kind::Identifier, std::string(s.substr(start, i - start)), 0, start});
    } else {
      throw ExpressionError(unexpected(c, i), i);
    }
  }
  out.push_back(Token{Token::Kind::End, "", 0, s.size()});
  return out;
}

}  // namespace azemu::arm::tmpl
