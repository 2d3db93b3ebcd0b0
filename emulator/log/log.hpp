// Process log: one JSON object per line on stderr (access lines and events), filtered by level.
// Deliberately tiny: no sinks, no formatting language.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>

namespace azemu::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3, off = 4 };

void set_level(Level level);
Level level();
/// "debug" | "info" | "warn" | "error" | "off"; throws std::invalid_argument otherwise.
Level parse_level(std::string_view name);
bool enabled(Level level);

/// Writes {"time","level","msg",...fields}. `fields` must be an object or null.
void write(Level level, std::string_view msg, const nlohmann::json& fields);
void debug(std::string_view msg);
void info(std::string_view msg);
void warn(std::string_view msg);
void error(std::string_view msg);

}  // namespace azemu::log
