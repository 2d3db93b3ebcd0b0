// See log.hpp.
#include "emulator/log/log.hpp"

#include "emulator/exec/clock.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <stdexcept>

namespace azemu::log {

namespace {
std::atomic<Level> g_level{Level::info};
std::mutex g_mutex;
const char* name(Level l) {
  switch (l) {
    case Level::debug: return "debug";
    case Level::info: return "info";
    case Level::warn: return "warn";
    case Level::error: return "error";
    case Level::off: return "off";
  }
  return "?";
}
}  // namespace

void set_level(Level l) { g_level = l; }
Level level() { return g_level; }
bool enabled(Level l) { return l >= g_level.load() && g_level.load() != Level::off; }

Level parse_level(std::string_view n) {
  for (auto l : {Level::debug, Level::info, Level::warn, Level::error, Level::off})
    if (n == name(l)) return l;
  throw std::invalid_argument("unknown log level: " + std::string(n));
}

void write(Level l, std::string_view msg, const nlohmann::json& fields) {
  if (!enabled(l)) return;
  nlohmann::json line = {{"time", exec::iso8601_7(std::chrono::system_clock::now())}, {"level", name(l)}, {"msg", msg}};
  if (fields.is_object()) line.update(fields);
  std::string s = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::lock_guard lock(g_mutex);
  std::fwrite(s.data(), 1, s.size(), stderr);
}

void debug(std::string_view msg) { write(Level::debug, msg, nullptr); }
void info(std::string_view msg) { write(Level::info, msg, nullptr); }
void warn(std::string_view msg) { write(Level::warn, msg, nullptr); }
void error(std::string_view msg) { write(Level::error, msg, nullptr); }

}  // namespace azemu::log
