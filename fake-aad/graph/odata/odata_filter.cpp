// Recursive-descent $filter parser and evaluator; see odata_filter.hpp. Grammar:
//   or   := and ("or" and)*          and  := unary ("and" unary)*
//   unary:= "not" unary | "(" or ")" | call | comparison
//   call := ("startswith") "(" path "," literal ")"
//   comparison := path ("/any(" var ":" lambda-body ")" | "eq" literal)
#include "fake-aad/graph/odata/odata_filter.hpp"

#include "fake-aad/errors.hpp"

#include "emulator/json/strings.hpp"

#include <cctype>
#include <charconv>
#include <cstdint>

namespace azemu::aad::odata {

namespace {

class Parser {
public:
  explicit Parser(std::string_view text) : s_(text) {}

  Filter parse() {
    Filter f = parse_or();
    skip_ws();
    if (pos_ != s_.size()) fail("unexpected '" + std::string(s_.substr(pos_)) + "'");
    return f;
  }

private:
  [[noreturn]] void fail(const std::string& why) const {
    throw errors::graph_invalid_filter(why + " at position " + std::to_string(pos_) + " in '" + std::string(s_) + "'.");
  }
  void skip_ws() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool peek_char(char c) {
    skip_ws();
    return pos_ < s_.size() && s_[pos_] == c;
  }
  void expect(char c) {
    if (!peek_char(c)) fail(std::string("expected '") + c + "'");
    ++pos_;
  }
  static bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }
  std::string identifier() {
    skip_ws();
    std::size_t start = pos_;
    while (pos_ < s_.size() && ident_char(s_[pos_])) ++pos_;
    if (start == pos_) fail("expected a property name");
    return std::string(s_.substr(start, pos_ - start));
  }
  // A keyword only counts when followed by a non-identifier character ("order" is not "or").
  bool keyword(std::string_view kw) {
    skip_ws();
    if (s_.size() - pos_ < kw.size() || !text::iequals(s_.substr(pos_, kw.size()), kw)) return false;
    std::size_t end = pos_ + kw.size();
    if (end < s_.size() && ident_char(s_[end])) return false;
    pos_ = end;
    return true;
  }

  nlohmann::json literal() {
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == '\'') {
      std::string out;
      for (++pos_; pos_ < s_.size(); ++pos_) {
        if (s_[pos_] == '\'') {
          if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '\'') { out += '\''; ++pos_; continue; }  // '' escapes '
          ++pos_;
          return out;
        }
        out += s_[pos_];
      }
      fail("unterminated string literal");
    }
    if (keyword("true")) return true;
    if (keyword("false")) return false;
    if (keyword("null")) return nullptr;
    std::size_t start = pos_;
    while (pos_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '-')) ++pos_;
    if (start == pos_) fail("expected a literal");
    // from_chars, not stoll: "--1", "1-2" or 30 digits are the client's syntax error, not an exception.
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(s_.data() + start, s_.data() + pos_, value);
    if (ec != std::errc() || end != s_.data() + pos_) {
      pos_ = start;
      fail("invalid number literal");
    }
    return value;
  }

  Filter parse_or() {
    Filter left = parse_and();
    while (keyword("or")) left = Filter{Filter::Op::or_, "", nullptr, "", {std::move(left), parse_and()}};
    return left;
  }
  Filter parse_and() {
    Filter left = parse_unary();
    while (keyword("and")) left = Filter{Filter::Op::and_, "", nullptr, "", {std::move(left), parse_unary()}};
    return left;
  }
  // Parentheses, not and any() recurse; a filter fits in a URL, but 8 KB of "(" would still be
  // thousands of frames. Graph's own limit is undocumented; real filters nest a few levels.
  static constexpr int kMaxDepth = 100;
  struct Level {
    Parser& p;
    explicit Level(Parser& parser) : p(parser) {
      if (++p.depth_ > kMaxDepth) p.fail("the filter nests more than " + std::to_string(kMaxDepth) + " levels");
    }
    ~Level() { --p.depth_; }
  };

  Filter parse_unary() {
    Level level(*this);
    if (keyword("not")) return Filter{Filter::Op::not_, "", nullptr, "", {parse_unary()}};
    if (peek_char('(')) {
      ++pos_;
      Filter inner = parse_or();
      expect(')');
      return inner;
    }
    std::string name = identifier();
    if (peek_char('(')) return call(name);
    return comparison(name);
  }
  Filter call(const std::string& fn) {
    if (!text::iequals(fn, "startswith")) {
      if (text::iequals(fn, "endswith") || text::iequals(fn, "contains"))
        throw errors::graph_unsupported_query("Unsupported query: the function '" + fn + "' is not supported by azemu.");
      fail("unknown function '" + fn + "'");
    }
    expect('(');
    Filter f{Filter::Op::startswith, identifier(), nullptr, "", {}};
    expect(',');
    f.literal = literal();
    if (!f.literal.is_string()) fail("startswith needs a string literal");
    expect(')');
    return f;
  }
  Filter comparison(const std::string& property) {
    if (peek_char('/')) {
      ++pos_;
      if (!keyword("any")) fail("expected 'any' after '/'");
      expect('(');
      Filter f{Filter::Op::any, property, nullptr, identifier(), {}};
      expect(':');
      f.children.push_back(parse_or());
      expect(')');
      return f;
    }
    if (keyword("eq")) return Filter{Filter::Op::eq, property, literal(), "", {}};
    for (std::string_view op : {"ne", "gt", "ge", "lt", "le", "in", "has"})
      if (keyword(op))
        throw errors::graph_unsupported_query("Unsupported query: the operator '" + std::string(op) +
                                              "' is not supported by azemu.");
    fail("expected an operator after '" + property + "'");
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

bool equal_values(const nlohmann::json& value, const nlohmann::json& literal) {
  if (value.is_string() && literal.is_string())
    return text::iequals(value.get<std::string>(), literal.get<std::string>());
  return value == literal;
}

// `scope` is the entity, or inside any() the current element bound to `var`.
bool eval(const Filter& f, const nlohmann::json& entity, const std::string& var, const nlohmann::json* element) {
  auto operand = [&](const std::string& name) -> nlohmann::json {
    if (element && name == var) return *element;
    auto it = entity.find(name);
    return it == entity.end() ? nlohmann::json() : *it;
  };
  switch (f.op) {
    case Filter::Op::eq: return equal_values(operand(f.property), f.literal);
    case Filter::Op::startswith: {
      auto v = operand(f.property);
      return v.is_string() && text::istarts_with(v.get<std::string>(), f.literal.get<std::string>());
    }
    case Filter::Op::any: {
      auto list = operand(f.property);
      if (!list.is_array()) return false;
      for (const auto& e : list)
        if (eval(f.children[0], entity, f.lambda_var, &e)) return true;
      return false;
    }
    case Filter::Op::and_: return eval(f.children[0], entity, var, element) && eval(f.children[1], entity, var, element);
    case Filter::Op::or_: return eval(f.children[0], entity, var, element) || eval(f.children[1], entity, var, element);
    case Filter::Op::not_: return !eval(f.children[0], entity, var, element);
  }
  return false;
}

void check(const Filter& f, const std::set<std::string>& allowed, const std::string& resource, const std::string& var) {
  if (f.op == Filter::Op::eq || f.op == Filter::Op::startswith || f.op == Filter::Op::any) {
    if (f.property != var && !allowed.count(f.property)) throw errors::graph_unsupported_filter(f.property, resource);
  }
  for (const auto& c : f.children) check(c, allowed, resource, f.op == Filter::Op::any ? f.lambda_var : var);
}

}  // namespace

Filter parse_filter(std::string_view text) {
  return Parser(text).parse();
}

void check_filterable(const Filter& f, const std::set<std::string>& allowed, const std::string& resource) {
  check(f, allowed, resource, "");
}

bool matches(const Filter& f, const nlohmann::json& entity) { return eval(f, entity, "", nullptr); }

}  // namespace azemu::aad::odata
