// RBAC $filter parsing; see rbac_filter.hpp. A small recursive-descent reader over the clauses:
// "name()" calls, "name('x')" calls and "field eq 'x'" comparisons, joined by "and".
#include "fake-arm/authorization/rbac_filter.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/errors.hpp"

#include <cctype>
#include <string_view>

namespace azemu::arm {

namespace {
class Reader {
public:
  explicit Reader(const std::string& s) : s_(s) {}

  bool done() { skip_ws(); return i_ >= s_.size(); }
  bool eat(char c) {
    skip_ws();
    if (i_ < s_.size() && s_[i_] == c) { ++i_; return true; }
    return false;
  }
  std::string word() {
    skip_ws();
    std::size_t start = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_')) ++i_;
    if (start == i_) fail();
    return s_.substr(start, i_ - start);
  }
  /// A single-quoted literal; '' inside is one quote (OData).
  std::string quoted() {
    skip_ws();
    if (i_ >= s_.size() || s_[i_] != '\'') fail();
    std::string out;
    for (++i_; i_ < s_.size(); ++i_) {
      if (s_[i_] != '\'') { out += s_[i_]; continue; }
      if (i_ + 1 < s_.size() && s_[i_ + 1] == '\'') { out += '\''; ++i_; continue; }
      ++i_;
      return out;
    }
    fail();
  }
  [[noreturn]] void fail() const { throw errors::invalid_filter(s_); }

private:
  void skip_ws() { while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_; }
  const std::string& s_;
  std::size_t i_ = 0;
};
}  // namespace

RbacFilter parse_rbac_filter(const std::string& filter) {
  RbacFilter f;
  Reader r(filter);
  bool first = true;
  while (!r.done()) {
    if (!first && !text::iequals(r.word(), "and")) r.fail();
    first = false;
    const std::string name = r.word();
    if (r.eat('(')) {
      if (text::iequals(name, "atScope")) {
        f.at_scope = true;
      } else if (text::iequals(name, "assignedTo")) {
        f.assigned_to = text::to_lower(r.quoted());
      } else {
        r.fail();
      }
      if (!r.eat(')')) r.fail();
      continue;
    }
    if (!text::iequals(r.word(), "eq")) r.fail();
    std::string value = r.quoted();
    if (text::iequals(name, "principalId")) f.principal_id = text::to_lower(value);
    else if (text::iequals(name, "roleName")) f.role_name = value;
    else if (text::iequals(name, "type")) f.role_type = value;
    else r.fail();
  }
  // Spec: "atScope() and principalId eq" cannot be combined (az works around it client-side).
  if (f.at_scope && f.principal_id) r.fail();
  return f;
}

}  // namespace azemu::arm
