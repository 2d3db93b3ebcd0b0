// Logical and comparison functions: and, or, not, bool, true, false, equals, greater,
// greaterOrEquals, less, lessOrEquals. (`if` is lazy and lives in the evaluator.)
// Comparisons accept two integers or two strings (ordinal), as ARM does.
#include "fake-arm/deployments/template/function_table.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::arm::tmpl {
namespace {

using nlohmann::json;

int compare(Call& c) {
  expect_args(c, 2, 2);
  const json &a = c.args[0], &b = c.args[1];
  if (a.is_number() && b.is_number()) {
    double x = a.get<double>(), y = b.get<double>();
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (a.is_string() && b.is_string()) {
    int r = a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>());
    return r < 0 ? -1 : (r > 0 ? 1 : 0);
  }
  fail(c, "the parameters must both be integers or both be strings; they are '" + arm_type_name(a) + "' and '" +
              arm_type_name(b) + "'");
}

// equals() treats 1 and 1.0 alike and compares everything else structurally.
bool deep_equals(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!deep_equals(a[i], b[i])) return false;
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto f = b.find(it.key());
      if (f == b.end() || !deep_equals(*it, *f)) return false;
    }
    return true;
  }
  return a == b;
}

}  // namespace

void register_logical_comparison_functions(FunctionTable& t) {
  t.add("and", [](Call& c) -> json {
    expect_args(c, 2, SIZE_MAX);
    bool r = true;
    for (std::size_t i = 0; i < c.args.size(); ++i) r = arg_bool(c, i) && r;
    return r;
  });
  t.add("or", [](Call& c) -> json {
    expect_args(c, 2, SIZE_MAX);
    bool r = false;
    for (std::size_t i = 0; i < c.args.size(); ++i) r = arg_bool(c, i) || r;
    return r;
  });
  t.add("not", [](Call& c) -> json { expect_args(c, 1, 1); return !arg_bool(c, 0); });
  t.add("bool", [](Call& c) -> json {
    expect_args(c, 1, 1);
    const json& v = c.args[0];
    if (v.is_boolean()) return v;
    if (v.is_number_integer()) return v.get<std::int64_t>() != 0;
    if (v.is_string()) {
      if (text::iequals(v.get<std::string>(), "true")) return true;
      if (text::iequals(v.get<std::string>(), "false")) return false;
    }
    fail(c, "the value '" + to_arm_string(v) + "' cannot be converted to a boolean");
  });
  t.add("true", [](Call& c) -> json { expect_args(c, 0, 0); return true; });
  t.add("false", [](Call& c) -> json { expect_args(c, 0, 0); return false; });
  t.add("equals", [](Call& c) -> json { expect_args(c, 2, 2); return deep_equals(c.args[0], c.args[1]); });
  t.add("greater", [](Call& c) -> json { return compare(c) > 0; });
  t.add("greaterOrEquals", [](Call& c) -> json { return compare(c) >= 0; });
  t.add("less", [](Call& c) -> json { return compare(c) < 0; });
  t.add("lessOrEquals", [](Call& c) -> json { return compare(c) <= 0; });
}

}  // namespace azemu::arm::tmpl
