// Array and object functions: array, createArray, createObject, coalesce, contains, empty, first,
// last, take, skip, length, union, intersection, json, items, range, join, null.
// Spec: template-functions-array / -object. contains() on strings is case-sensitive, on object
// keys case-insensitive; union() merges nested objects recursively; items() sorts by key.
#include "fake-arm/deployments/template/function_table.hpp"
#include "fake-arm/deployments/template/template_limits.hpp"

#include "emulator/json/strings.hpp"

#include <algorithm>

namespace azemu::arm::tmpl {
namespace {

using nlohmann::json;

// .NET string length counts UTF-16 code units; count code points (BMP covers template text).
std::int64_t text_length(const std::string& s) {
  std::int64_t n = 0;
  for (unsigned char ch : s)
    if ((ch & 0xC0) != 0x80) n += (ch >= 0xF0) ? 2 : 1;
  return n;
}

// Byte offset of the `n`-th code point (clamped), so take/skip never split a UTF-8 sequence.
std::size_t byte_offset(const std::string& s, std::int64_t n) {
  std::size_t i = 0;
  for (std::int64_t k = 0; k < n && i < s.size(); ++k) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

void deep_merge(json& into, const json& from) {
  for (auto it = from.begin(); it != from.end(); ++it) {
    auto existing = into.find(it.key());
    if (existing != into.end() && existing->is_object() && it->is_object())
      deep_merge(*existing, *it);
    else
      into[it.key()] = *it;
  }
}

bool array_has(const json& arr, const json& v) { return std::find(arr.begin(), arr.end(), v) != arr.end(); }

json take_or_skip(Call& c, bool take) {
  expect_args(c, 2, 2);
  std::int64_t n = std::max<std::int64_t>(0, arg_int(c, 1));
  const json& v = c.args[0];
  if (v.is_null()) return nullptr;
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    std::size_t at = byte_offset(s, n);
    return take ? s.substr(0, at) : s.substr(at);
  }
  const json& a = arg_array(c, 0);
  auto cut = static_cast<std::size_t>(std::min<std::int64_t>(n, static_cast<std::int64_t>(a.size())));
  json out = json::array();
  for (std::size_t i = take ? 0 : cut; i < (take ? cut : a.size()); ++i) out.push_back(a[i]);
  return out;
}

json first_or_last(Call& c, bool first) {
  expect_args(c, 1, 1);
  const json& v = c.args[0];
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (s.empty()) return "";
    if (first) return s.substr(0, byte_offset(s, 1));
    std::size_t i = s.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    return s.substr(i);
  }
  const json& a = arg_array(c, 0);
  if (a.empty()) return nullptr;
  return first ? a.front() : a.back();
}

json set_union(Call& c) {
  expect_args(c, 2, SIZE_MAX);
  if (c.args[0].is_object()) {
    json out = json::object();
    for (std::size_t i = 0; i < c.args.size(); ++i) deep_merge(out, arg_object(c, i));
    return out;
  }
  json out = json::array();
  for (std::size_t i = 0; i < c.args.size(); ++i)
    for (const json& e : arg_array(c, i))
      if (!array_has(out, e)) out.push_back(e);
  return out;
}

json intersection(Call& c) {
  expect_args(c, 2, SIZE_MAX);
  if (c.args[0].is_object()) {
    json out = json::object();
    const json& a = arg_object(c, 0);
    for (auto it = a.begin(); it != a.end(); ++it) {
      bool everywhere = true;
      for (std::size_t i = 1; i < c.args.size() && everywhere; ++i) {
        const json& o = arg_object(c, i);
        auto f = o.find(it.key());
        everywhere = f != o.end() && *f == *it;
      }
      if (everywhere) out[it.key()] = *it;
    }
    return out;
  }
  json out = json::array();
  for (const json& e : arg_array(c, 0)) {
    bool everywhere = !array_has(out, e);
    for (std::size_t i = 1; i < c.args.size() && everywhere; ++i) everywhere = array_has(arg_array(c, i), e);
    if (everywhere) out.push_back(e);
  }
  return out;
}

json contains(Call& c) {
  expect_args(c, 2, 2);
  const json& container = c.args[0];
  const json& item = c.args[1];
  if (container.is_array()) return array_has(container, item);
  if (container.is_object()) {
    if (!item.is_string()) fail(c, "an object can only be searched for a string key");
    return find_member(container, item.get<std::string>()) != nullptr;
  }
  if (container.is_string()) {
    if (item.is_array() || item.is_object() || item.is_null()) fail(c, "a string can only be searched for a string");
    return container.get<std::string>().find(to_arm_string(item)) != std::string::npos;
  }
  fail(c, "the first parameter must be an array, an object or a string");
}

json empty(Call& c) {
  expect_args(c, 1, 1);
  const json& v = c.args[0];
  if (v.is_null()) return true;
  if (v.is_string()) return v.get_ref<const std::string&>().empty();
  if (v.is_array() || v.is_object()) return v.empty();
  fail(c, "the parameter must be an array, an object, a string or null");
}

json length(Call& c) {
  expect_args(c, 1, 1);
  const json& v = c.args[0];
  if (v.is_string()) return text_length(v.get_ref<const std::string&>());
  if (v.is_array() || v.is_object()) return static_cast<std::int64_t>(v.size());
  fail(c, "the parameter must be an array, an object or a string");
}

json create_object(Call& c) {
  if (c.args.size() % 2 != 0) fail(c, "the number of parameters must be even (name, value pairs)");
  json out = json::object();
  for (std::size_t i = 0; i < c.args.size(); i += 2) out[arg_string(c, i)] = c.args[i + 1];
  return out;
}

json range(Call& c) {
  expect_args(c, 2, 2);
  std::int64_t start = arg_int(c, 0), count = arg_int(c, 1);
  // Spec: "count ... can't be greater than 10000"; start + count must not exceed 2147483647.
  if (count < 0 || count > 10000) fail(c, "the count must be between '0' and '10000'");
  if (start + count > 2147483647) fail(c, "the sum of the start index and the count must not exceed '2147483647'");
  json out = json::array();
  for (std::int64_t i = 0; i < count; ++i) out.push_back(start + i);
  return out;
}

json items(Call& c) {
  expect_args(c, 1, 1);
  json out = json::array();
  const json& o = arg_object(c, 0);
  for (auto it = o.begin(); it != o.end(); ++it) out.push_back({{"key", it.key()}, {"value", *it}});
  return out;
}

json join(Call& c) {
  expect_args(c, 2, 2);
  std::string out;
  const json& a = arg_array(c, 0);
  const std::string& sep = arg_string(c, 1);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].is_array() || a[i].is_object()) fail(c, "the array elements must be strings, integers or booleans");
    out += (i ? sep : "") + to_arm_string(a[i]);
  }
  return out;
}

}  // namespace

void register_array_object_functions(FunctionTable& t) {
  t.add("array", [](Call& c) -> json {
    expect_args(c, 1, 1);
    return c.args[0].is_array() ? c.args[0] : json::array({c.args[0]});
  });
  t.add("createArray", [](Call& c) -> json { return json(c.args); });
  t.add("createObject", create_object);
  t.add("coalesce", [](Call& c) -> json {
    expect_args(c, 1, SIZE_MAX);
    for (const json& a : c.args)
      if (!a.is_null()) return a;
    return nullptr;
  });
  t.add("contains", contains);
  t.add("empty", empty);
  t.add("first", [](Call& c) { return first_or_last(c, true); });
  t.add("last", [](Call& c) { return first_or_last(c, false); });
  t.add("take", [](Call& c) { return take_or_skip(c, true); });
  t.add("skip", [](Call& c) { return take_or_skip(c, false); });
  t.add("length", length);
  t.add("union", set_union);
  t.add("intersection", intersection);
  t.add("json", [](Call& c) -> json {
    expect_args(c, 1, 1);
    json v = parse_json_bounded(arg_string(c, 0));  // a deep value would overflow every later walk
    if (v.is_discarded())
      fail(c, json::accept(arg_string(c, 0)) ? "the parameter nests more than '" + std::to_string(kMaxJsonDepth) + "' levels"
                                             : std::string("the parameter is not valid JSON"));
    return v;
  });
  t.add("items", items);
  t.add("range", range);
  t.add("join", join);
  t.add("null", [](Call& c) -> json { expect_args(c, 0, 0); return nullptr; });
}

}  // namespace azemu::arm::tmpl
