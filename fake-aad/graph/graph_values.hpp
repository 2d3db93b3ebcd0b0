// Strict readers for Graph request bodies (a wrong JSON type is Graph's 400 "Invalid value
// specified for property ..." from one place) and Graph's DateTimeOffset text form. Wire names
// are passed in by the *_json.cpp files; nothing here knows an entity.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace azemu::aad::graph_values {

/// Throws errors::graph_bad_request unless `body` is a JSON object.
void require_object(const nlohmann::json& body, const std::string& resource);

/// Absent or null: nullopt. Wrong type: errors::graph_invalid_property(key, resource).
std::optional<std::string> opt_string(const nlohmann::json& body, const char* key, const std::string& resource);
std::optional<bool> opt_bool(const nlohmann::json& body, const char* key, const std::string& resource);
std::optional<std::vector<std::string>> opt_strings(const nlohmann::json& body, const char* key,
                                                    const std::string& resource);
/// Missing, null or empty: errors::graph_required_property(key).
std::string required_string(const nlohmann::json& body, const char* key, const std::string& resource);

/// "2024-05-01T10:00:00Z", "...00.123456Z", "...00+02:00" -> unix seconds (fraction dropped).
/// Throws errors::graph_invalid_property(key, resource) on anything else.
std::int64_t parse_datetime(const std::string& text, const char* key, const std::string& resource);

}  // namespace azemu::aad::graph_values
