// The one reader of optional string fields in the service views' JSON the UI composes (key chain,
// lab checklist, state model): a missing or non-string field reads as "".
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace azemu::ui {

inline std::string str(const nlohmann::json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

}  // namespace azemu::ui
