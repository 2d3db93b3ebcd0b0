// Numeric functions on 64-bit integers: add, sub, mul, div, mod, int, min, max, float.
// ARM integers are 64-bit; overflow is reported rather than wrapped.
#include "fake-arm/deployments/template/function_table.hpp"

#include <charconv>
#include <climits>

namespace azemu::arm::tmpl {
namespace {

using nlohmann::json;

json arith(Call& c, char op) {
  expect_args(c, 2, 2);
  std::int64_t a = arg_int(c, 0), b = arg_int(c, 1), r = 0;
  bool overflow = false;
  switch (op) {
    case '+': overflow = __builtin_add_overflow(a, b, &r); break;
    case '-': overflow = __builtin_sub_overflow(a, b, &r); break;
    case '*': overflow = __builtin_mul_overflow(a, b, &r); break;
    case '/':
    case '%':
      if (b == 0) fail(c, "Attempted to divide by zero.");
      if (a == LLONG_MIN && b == -1) overflow = true;
      else r = op == '/' ? a / b : a % b;
      break;
  }
  if (overflow) fail(c, "the result is outside the range of a 64-bit integer");
  return r;
}

json min_max(Call& c, bool want_min) {
  expect_args(c, 1, SIZE_MAX);
  std::vector<json> values;
  if (c.args.size() == 1 && c.args[0].is_array()) values.assign(c.args[0].begin(), c.args[0].end());
  else values = c.args;
  if (values.empty()) fail(c, "at least one value is required");
  json best;
  for (const json& v : values) {
    if (!v.is_number()) fail(c, "all values must be integers");
    if (best.is_null() || (want_min ? v.get<double>() < best.get<double>() : v.get<double>() > best.get<double>())) best = v;
  }
  return best;
}

}  // namespace

void register_numeric_functions(FunctionTable& t) {
  t.add("add", [](Call& c) { return arith(c, '+'); });
  t.add("sub", [](Call& c) { return arith(c, '-'); });
  t.add("mul", [](Call& c) { return arith(c, '*'); });
  t.add("div", [](Call& c) { return arith(c, '/'); });
  t.add("mod", [](Call& c) { return arith(c, '%'); });
  t.add("min", [](Call& c) { return min_max(c, true); });
  t.add("max", [](Call& c) { return min_max(c, false); });
  t.add("int", [](Call& c) -> json {
    expect_args(c, 1, 1);
    const json& v = c.args[0];
    if (v.is_number_integer()) return v;
    if (v.is_number_float()) return static_cast<std::int64_t>(v.get<double>());
    if (v.is_string()) {
      const auto& s = v.get_ref<const std::string&>();
      std::int64_t r = 0;
      const char* b = s.data() + (!s.empty() && s[0] == '+' ? 1 : 0);
      auto [p, ec] = std::from_chars(b, s.data() + s.size(), r);
      if (ec == std::errc() && p == s.data() + s.size() && b != p) return r;
    }
    fail(c, "the value '" + to_arm_string(v) + "' cannot be converted to an integer");
  });
  t.add("float", [](Call& c) -> json {
    expect_args(c, 1, 1);
    const json& v = c.args[0];
    if (v.is_number()) return v.get<double>();
    if (v.is_string()) {
      try {
        std::size_t used = 0;
        double d = std::stod(v.get<std::string>(), &used);
        if (used == v.get_ref<const std::string&>().size()) return d;
      } catch (const std::exception&) {
      }
    }
    fail(c, "the value '" + to_arm_string(v) + "' cannot be converted to a float");
  });
}

}  // namespace azemu::arm::tmpl
