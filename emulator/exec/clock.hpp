// Time as an input: domain code reads Clock&, never the system clock directly, so tests and the
// --test-controls time route can move it. Not a timer facility (timers live on the io executor).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace azemu::exec {

class Clock {
public:
  using time_point = std::chrono::system_clock::time_point;
  virtual ~Clock() = default;
  virtual time_point now() const = 0;

  /// Seconds since the Unix epoch.
  std::int64_t now_unix() const;
  /// ISO 8601 UTC with 7 fractional digits, as ARM and Graph print it ("2026-11-28T19:26:30.1234567Z").
  std::string now_iso() const;
};

/// The real clock plus an offset that a test-control route may advance ("time travel").
class SystemClock final : public Clock {
public:
  time_point now() const override;
  void advance(std::chrono::seconds by) { offset_s_ += by.count(); }

private:
  std::atomic<std::int64_t> offset_s_{0};
};

class FakeClock final : public Clock {
public:
  explicit FakeClock(std::int64_t unix_seconds = 1'800'000'000) : now_(time_point(std::chrono::seconds(unix_seconds))) {}
  time_point now() const override { return now_; }
  // Milliseconds: some waits are sub-second (fake-arm/core/operation_events.hpp); seconds convert.
  void advance(std::chrono::milliseconds by) { now_ += by; }

private:
  time_point now_;
};

/// Formats a unix time as ISO 8601 UTC ("2026-11-28T19:26:30Z", no fraction).
std::string iso8601(std::int64_t unix_seconds);
/// Formats as Azure's 7-digit fraction form.
std::string iso8601_7(Clock::time_point tp);

}  // namespace azemu::exec
