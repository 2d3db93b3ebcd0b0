// Process log: one JSON object per line (events, and per-request access lines when asked for),
// filtered by level, on stderr or in a file rotated by size so a long-running lab never fills its
// disk. Deliberately tiny: one sink, no formatting language.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace azemu::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3, off = 4 };

void set_level(Level level);
Level level();
/// "debug" | "info" | "warn" | "error" | "off"; throws std::invalid_argument otherwise.
Level parse_level(std::string_view name);
bool enabled(Level level);

/// Per-request access lines ("msg":"request"): off by default — they grow with traffic, not events.
void set_access(bool on);
bool access_enabled();

/// Writes to `path` instead of stderr; when the file passes `max_bytes` it becomes path.1 (path.1
/// becomes path.2, ... up to `keep` old files) and a new one starts. Throws std::runtime_error when
/// the file cannot be opened.
void set_file(const std::string& path, std::size_t max_bytes, unsigned keep);

/// Writes {"time","level","msg",...fields}. `fields` must be an object or null.
void write(Level level, std::string_view msg, const nlohmann::json& fields);
void debug(std::string_view msg);
void info(std::string_view msg);
void warn(std::string_view msg);
void error(std::string_view msg);

}  // namespace azemu::log
