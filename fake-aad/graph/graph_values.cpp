// Body readers and DateTimeOffset parsing; see graph_values.hpp.
#include "fake-aad/graph/graph_values.hpp"

#include "fake-aad/errors.hpp"

#include <cstdio>
#include <ctime>

namespace azemu::aad::graph_values {

void require_object(const nlohmann::json& body, const std::string& resource) {
  if (!body.is_object()) throw errors::graph_bad_request("The request body must be a JSON object describing a " + resource + ".");
}

std::optional<std::string> opt_string(const nlohmann::json& body, const char* key, const std::string& resource) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) throw errors::graph_invalid_property(key, resource);
  return it->get<std::string>();
}

std::optional<bool> opt_bool(const nlohmann::json& body, const char* key, const std::string& resource) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) throw errors::graph_invalid_property(key, resource);
  return it->get<bool>();
}

std::optional<std::vector<std::string>> opt_strings(const nlohmann::json& body, const char* key,
                                                    const std::string& resource) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_array()) throw errors::graph_invalid_property(key, resource);
  std::vector<std::string> out;
  for (const auto& v : *it) {
    if (!v.is_string()) throw errors::graph_invalid_property(key, resource);
    out.push_back(v.get<std::string>());
  }
  return out;
}

std::string required_string(const nlohmann::json& body, const char* key, const std::string& resource) {
  auto v = opt_string(body, key, resource);
  if (!v || v->empty()) throw errors::graph_required_property(key);
  return *v;
}

std::int64_t parse_datetime(const std::string& text, const char* key, const std::string& resource) {
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &consumed) != 6)
    throw errors::graph_invalid_property(key, resource);
  std::size_t i = static_cast<std::size_t>(consumed);
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  }
  std::int64_t offset = 0;
  std::string zone = text.substr(i);
  if (zone == "Z" || zone.empty()) {
    offset = 0;
  } else {
    int hh = 0, mm = 0;
    char sign = zone[0];
    if ((sign != '+' && sign != '-') || std::sscanf(zone.c_str() + 1, "%2d:%2d", &hh, &mm) != 2 || zone.size() != 6)
      throw errors::graph_invalid_property(key, resource);
    offset = (sign == '+' ? 1 : -1) * (hh * 3600 + mm * 60);
  }
  if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
      tm.tm_sec > 60)
    throw errors::graph_invalid_property(key, resource);
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&tm)) - offset;
}

}  // namespace azemu::aad::graph_values
