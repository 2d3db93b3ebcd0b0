// Recursive-descent parser for ARM's expression grammar:
//   value   := primary postfix*
//   primary := 'string' | integer | identifier '(' [value (',' value)*] ')'
//   postfix := '.' identifier | '[' value ']'
// Azure also requires the outermost value to be a function call; a bare literal such as "['a']"
// is rejected there, and so here.
#include "fake-arm/deployments/template/expression_parser.hpp"

#include "fake-arm/deployments/template/expression_error.hpp"
#include "fake-arm/deployments/template/expression_lexer.hpp"

#include <vector>

namespace azemu::arm::tmpl {
namespace {

class Parser {
public:
  explicit Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  Node parse_top() {
    if (peek().kind == Token::Kind::End) throw ExpressionError("The language expression is empty.", 0);
    Node n = value();
    if (peek().kind != Token::Kind::End) fail_unexpected(peek());
    if (n.kind == Node::Kind::String || n.kind == Node::Kind::Integer)
      throw ExpressionError("The language expression must be a function call, not a literal.", n.position);
    return n;
  }

private:
  const Token& peek() const { return t_[i_]; }
  const Token& next() { return t_[i_++]; }

  [[noreturn]] void fail_unexpected(const Token& t) {
    if (t.kind == Token::Kind::End)
      throw ExpressionError("The language expression ended unexpectedly at position '" + std::to_string(t.position) + "'.",
                            t.position);
    throw ExpressionError("The language expression contains the unexpected token '" + t.text + "' at position '" +
                              std::to_string(t.position) + "'.",
                          t.position);
  }

  void expect(Token::Kind k) {
    if (peek().kind != k) fail_unexpected(peek());
    ++i_;
  }

  Node value() {
    Node n = primary();
    for (;;) {
      if (peek().kind == Token::Kind::Dot) {
        std::size_t at = next().position;
        if (peek().kind != Token::Kind::Identifier) fail_unexpected(peek());
        Node p;
        p.kind = Node::Kind::Property;
        p.text = next().text;
        p.position = at;
        p.args.push_back(std::move(n));
        n = std::move(p);
      } else if (peek().kind == Token::Kind::LBracket) {
        std::size_t at = next().position;
        Node idx;
        idx.kind = Node::Kind::Index;
        idx.position = at;
        idx.args.push_back(std::move(n));
        idx.args.push_back(value());
        expect(Token::Kind::RBracket);
        n = std::move(idx);
      } else {
        return n;
      }
    }
  }

  Node primary() {
    const Token& t = next();
    Node n;
    n.position = t.position;
    switch (t.kind) {
      case Token::Kind::String:
        n.kind = Node::Kind::String;
        n.text = t.text;
        return n;
      case Token::Kind::Integer:
        n.kind = Node::Kind::Integer;
        n.number = t.number;
        return n;
      case Token::Kind::Identifier: {
        n.kind = Node::Kind::Call;
        n.text = t.text;
        expect(Token::Kind::LParen);
        if (peek().kind != Token::Kind::RParen) {
          for (;;) {
            n.args.push_back(value());
            if (peek().kind == Token::Kind::Comma) {
              ++i_;
              continue;
            }
            break;
          }
        }
        expect(Token::Kind::RParen);
        return n;
      }
      default:
        fail_unexpected(t);
    }
  }

  std::vector<Token> t_;
  std::size_t i_ = 0;
};

}  // namespace

std::optional<std::string_view> expression_body(std::string_view s) {
  // Spec: ARM template syntax — "To have a literal string start with a left bracket [ and end
  // with a right bracket ], but not have it interpreted as an expression, add an extra bracket".
  if (s.size() < 2 || s.front() != '[' || s.back() != ']') return std::nullopt;
  if (s[1] == '[') return std::nullopt;
  return s.substr(1, s.size() - 2);
}

std::string unescape_literal(std::string_view s) {
  // Only a string that would otherwise be an expression loses its first bracket.
  if (s.size() >= 3 && s[0] == '[' && s[1] == '[' && s.back() == ']') return std::string(s.substr(1));
  return std::string(s);
}

Node parse_expression(std::string_view body) { return Parser(tokenize(body)).parse_top(); }

}  // namespace azemu::arm::tmpl
