// See log.hpp.
#include "emulator/log/log.hpp"

#include "emulator/exec/clock.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <stdexcept>

namespace azemu::log {

namespace {
std::atomic<Level> g_level{Level::info};
std::atomic<bool> g_access{false};
std::mutex g_mutex;  // guards the sink below and serialises lines

struct FileSink {
  std::string path;
  std::size_t max_bytes = 0;
  unsigned keep = 0;
  std::FILE* file = nullptr;
  std::size_t size = 0;

  void rotate() {
    std::fclose(file);
    file = nullptr;
    if (keep == 0) {
      std::remove(path.c_str());
    } else {
      std::remove((path + "." + std::to_string(keep)).c_str());
      for (unsigned i = keep; i > 1; --i)
        std::rename((path + "." + std::to_string(i - 1)).c_str(), (path + "." + std::to_string(i)).c_str());
      std::rename(path.c_str(), (path + ".1").c_str());
    }
    file = std::fopen(path.c_str(), "a");
    size = 0;
  }
};
FileSink g_file;  // file == nullptr: stderr
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
void set_access(bool on) { g_access = on; }
bool access_enabled() { return g_access.load() && enabled(Level::info); }

void set_file(const std::string& path, std::size_t max_bytes, unsigned keep) {
  std::FILE* f = std::fopen(path.c_str(), "a");
  if (!f) throw std::runtime_error("cannot open log file " + path);
  std::lock_guard lock(g_mutex);
  if (g_file.file) std::fclose(g_file.file);
  std::fseek(f, 0, SEEK_END);
  g_file = FileSink{path, max_bytes, keep, f, static_cast<std::size_t>(std::max(0L, std::ftell(f)))};
}
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
  if (!g_file.file) {
    std::fwrite(s.data(), 1, s.size(), stderr);
    return;
  }
  if (g_file.max_bytes && g_file.size + s.size() > g_file.max_bytes && g_file.size > 0) g_file.rotate();
  if (!g_file.file) return;  // reopening after rotation failed (disk gone): drop lines, never crash
  std::fwrite(s.data(), 1, s.size(), g_file.file);
  std::fflush(g_file.file);
  g_file.size += s.size();
}

void debug(std::string_view msg) { write(Level::debug, msg, nullptr); }
void info(std::string_view msg) { write(Level::info, msg, nullptr); }
void warn(std::string_view msg) { write(Level::warn, msg, nullptr); }
void error(std::string_view msg) { write(Level::error, msg, nullptr); }

}  // namespace azemu::log
