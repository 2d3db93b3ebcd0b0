// Recursive-descent parser for ARM's expression grammar:
//   value   := primary postfix*
//   primary := 'string' | integer | identifier '(' [value (',' value)*] ')'
//   postfix := '.' identifier | '[' value ']'
// Azure also requires the outermost value to be a function call; a bare literal such as "['a']"
// is rejected there, and so here. Nesting (calls, '.x', '[i]') is bounded by kMaxExpressionDepth
// and the text by kMaxExpressionLength, so neither the parser nor the tree's users recurse unbounded.
#include "fake-arm/deployments/template/expression_parser.hpp"

#include "fake-arm/deployments/template/expression_error.hpp"
#include "fake-arm/deployments/template/expression_lexer.hpp"
#include "fake-arm/deployments/template/template_limits.hpp"

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

  // One level per call argument, property and index: a chain "f()[0][0]..." nests as deep as it is long.
  void deeper(std::size_t position) {
    if (++depth_ > kMaxExpressionDepth)
      throw ExpressionError("The language expression is nested more than '" + std::to_string(kMaxExpressionDepth) +
                                "' levels deep at position '" + std::to_string(position) + "'.",
                            position);
  }

  Node value() {
    const int depth_at_start = depth_;
    Node n = primary();
    for (;;) {
      if (peek().kind == Token::Kind::Dot) {
        std::size_t at = next().position;
        deeper(at);
        if (peek().kind != Token::Kind::Identifier) fail_unexpected(peek());
        Node p;
        p.kind = Node::Kind::Property;
        p.text = next().text;
        p.position = at;
        p.args.push_back(std::move(n));
        n = std::move(p);
      } else if (peek().kind == Token::Kind::LBracket) {
        std::size_t at = next().position;
        deeper(at);
        Node idx;
        idx.kind = Node::Kind::Index;
        idx.position = at;
        idx.args.push_back(std::move(n));
        idx.args.push_back(value());
        expect(Token::Kind::RBracket);
        n = std::move(idx);
      } else {
        depth_ = depth_at_start;
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
        deeper(t.position);
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
        --depth_;
        return n;
      }
      default:
        fail_unexpected(t);
    }
  }

  std::vector<Token> t_;
  std::size_t i_ = 0;
  int depth_ = 0;
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

Node parse_expression(std::string_view body) {
  // Observed (azure-pipelines-tasks #15093): "The language expression length limit exceeded. Limit: '81920'".
  if (body.size() > kMaxExpressionLength)
    throw ExpressionError("The language expression length limit exceeded. Limit: '" + std::to_string(kMaxExpressionLength) +
                              "' and actual: '" + std::to_string(body.size()) + "'.",
                          0);
  return Parser(tokenize(body)).parse_top();
}

}  // namespace azemu::arm::tmpl
