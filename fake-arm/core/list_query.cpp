// $filter / $top / $skiptoken parsing and nextLink building; see list_query.hpp.
#include "fake-arm/core/list_query.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/errors.hpp"

#include <cctype>

namespace azemu::arm {

namespace {
// A tiny tokenizer over the filter grammar: identifiers, quoted strings ('' escapes a quote),
// parentheses and commas. Anything else is an error.
struct Lexer {
  std::string_view s;
  std::size_t i = 0;
  const std::string& whole;

  void skip_ws() { while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i; }
  bool done() { skip_ws(); return i >= s.size(); }
  bool eat(char c) {
    skip_ws();
    if (i < s.size() && s[i] == c) { ++i; return true; }
    return false;
  }
  std::string word() {
    skip_ws();
    std::size_t start = i;
    while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
    if (start == i) throw errors::invalid_filter(whole);
    return std::string(s.substr(start, i - start));
  }
  std::string quoted() {
    skip_ws();
    if (i >= s.size() || s[i] != '\'') throw errors::invalid_filter(whole);
    std::string out;
    for (++i; i < s.size(); ++i) {
      if (s[i] == '\'') {
        if (i + 1 < s.size() && s[i + 1] == '\'') { out += '\''; ++i; continue; }
        ++i;
        return out;
      }
      out += s[i];
    }
    throw errors::invalid_filter(whole);
  }
};
}  // namespace

ResourceFilter parse_filter(const std::string& filter) {
  ResourceFilter f;
  Lexer lx{filter, 0, filter};
  bool first = true;
  while (!lx.done()) {
    if (!first && !text::iequals(lx.word(), "and")) throw errors::invalid_filter(filter);
    first = false;
    std::string field = lx.word();
    if (text::iequals(field, "substringof")) {
      if (!lx.eat('(')) throw errors::invalid_filter(filter);
      std::string needle = lx.quoted();
      if (!lx.eat(',') || !text::iequals(lx.word(), "name") || !lx.eat(')')) throw errors::invalid_filter(filter);
      f.name_contains = needle;
      continue;
    }
    if (!text::iequals(lx.word(), "eq")) throw errors::invalid_filter(filter);
    std::string value = lx.quoted();
    if (text::iequals(field, "resourceType")) f.resource_type = value;
    else if (text::iequals(field, "name")) f.name = value;
    else if (text::iequals(field, "location")) f.location = value;
    else if (text::iequals(field, "resourceGroup")) f.resource_group = value;
    else if (text::iequals(field, "tagName")) f.tag_name = value;
    else if (text::iequals(field, "tagValue")) f.tag_value = value;
    else throw errors::invalid_filter(filter);
  }
  if (f.tag_value && !f.tag_name) throw errors::invalid_filter(filter);
  return f;
}

namespace {
// Re-encodes a decoded path segment by segment (slashes stay separators).
std::string encode_path(const std::string& path) {
  std::string out;
  for (const auto& seg : text::split(path, '/'))
    if (!seg.empty()) out += "/" + text::percent_encode(seg);
  return out.empty() ? "/" : out;
}

std::size_t unsigned_param(const http::Request& req, const char* name) {
  auto v = req.query_param(name);
  if (!v) return 0;
  if (v->empty() || v->size() > 9) throw errors::invalid_query_value(name, *v);
  for (char c : *v)
    if (!std::isdigit(static_cast<unsigned char>(c))) throw errors::invalid_query_value(name, *v);
  return static_cast<std::size_t>(std::stoul(*v));
}
}  // namespace

ListQuery list_query(const http::Request& req) {
  ListQuery q;
  if (auto f = req.query_param("$filter")) {
    q.filter = parse_filter(*f);
    q.raw_filter = *f;
  }
  q.top = unsigned_param(req, "$top");
  q.skip = unsigned_param(req, "$skiptoken");
  return q;
}

nlohmann::json page_json(nlohmann::json items, std::optional<std::size_t> next_skip, const http::Request& req) {
  nlohmann::json out = {{"value", std::move(items)}};
  if (next_skip) {
    std::string url = req.base_url() + encode_path(req.path) + "?";
    bool first = true;
    for (const auto& [k, v] : req.query) {
      if (text::iequals(k, "$skiptoken")) continue;
      url += (first ? "" : "&") + text::percent_encode(k) + "=" + text::percent_encode(v);
      first = false;
    }
    url += (first ? "" : "&") + std::string("%24skiptoken=") + std::to_string(*next_skip);
    out["nextLink"] = url;
  }
  return out;
}

}  // namespace azemu::arm
