// Clock implementations and the two timestamp formats Azure prints.
#include "emulator/exec/clock.hpp"

#include <cstdio>
#include <ctime>

namespace azemu::exec {

std::int64_t Clock::now_unix() const {
  return std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
}

std::string Clock::now_iso() const { return iso8601_7(now()); }

Clock::time_point SystemClock::now() const {
  return std::chrono::system_clock::now() + std::chrono::seconds(offset_s_.load());
}

std::string iso8601(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string iso8601_7(Clock::time_point tp) {
  auto since = tp.time_since_epoch();
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(since);
  auto ticks = std::chrono::duration_cast<std::chrono::nanoseconds>(since - secs).count() / 100;
  std::time_t t = static_cast<std::time_t>(secs.count());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[48];
  std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%07lldZ", static_cast<long long>(ticks));
  return buf;
}

}  // namespace azemu::exec
