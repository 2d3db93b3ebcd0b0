// See arm_operation.hpp. Spec: learn.microsoft.com "Azure resource provider operations" (names are
// {namespace}/{type}[/{child type}]/{read|write|delete|<verb>/action}).
#include "emulator/http/arm_operation.hpp"

#include "emulator/json/strings.hpp"

#include <vector>

namespace azemu::http {

namespace {
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::string verb_for(std::string_view method) {
  if (method == "PUT" || method == "PATCH") return "write";
  if (method == "DELETE") return "delete";
  if (method == "GET" || method == "HEAD") return "read";
  return "action";
}
}  // namespace

std::string arm_operation_name(std::string_view method, std::string_view path) {
  auto seg = split_path(path);
  // Types below the last "providers" segment; else the Microsoft.Resources built-ins.
  std::size_t p = seg.size();
  for (std::size_t i = 0; i + 1 < seg.size(); ++i)
    if (text::iequals(seg[i], "providers")) p = i;
  std::string name;
  std::vector<std::string_view> rest;
  if (p < seg.size()) {
    name = std::string(seg[p + 1]);
    rest.assign(seg.begin() + static_cast<long>(p) + 2, seg.end());
  } else if (!seg.empty() && text::iequals(seg[0], "subscriptions")) {
    name = "Microsoft.Resources/subscriptions";
    if (seg.size() > 2) rest.assign(seg.begin() + 2, seg.end());
    if (rest.empty()) return name + "/" + verb_for(method);
    if (text::iequals(rest[0], "resourcegroups")) {
      name += "/resourceGroups";
      rest.erase(rest.begin(), rest.begin() + std::min<std::size_t>(2, rest.size()));
      if (rest.empty()) return name + "/" + verb_for(method);
    }
  } else {
    return "";
  }
  // rest alternates type, name; an odd tail is a collection (GET) or an action verb (POST).
  std::size_t i = 0;
  for (; i + 1 < rest.size(); i += 2) name += "/" + std::string(rest[i]);
  const std::string verb = verb_for(method);
  if (i < rest.size()) {
    if (verb == "action") return name + "/" + std::string(rest[i]) + "/action";
    name += "/" + std::string(rest[i]);
  }
  return name + "/" + verb;
}

std::string polled_operation_id(const Reply& reply) {
  for (const char* name : {"Azure-AsyncOperation", "Location"})
    for (const auto& [k, v] : reply.headers) {
      if (!text::iequals(k, name)) continue;
      std::string_view url(v);
      url = url.substr(0, url.find('?'));
      auto slash = url.rfind('/');
      if (slash != std::string_view::npos && slash + 1 < url.size()) return std::string(url.substr(slash + 1));
    }
  return "";
}

}  // namespace azemu::http
