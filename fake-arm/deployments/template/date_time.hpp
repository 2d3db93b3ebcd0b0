// Date/time helpers for utcNow() and dateTimeAdd(): ISO 8601 parsing, ISO 8601 durations
// ("P1Y2M3DT4H5M6S", "-PT1H", "P2W"), and .NET date format strings (standard "u", "s", "o", "d",
// "t", "T", "g", "G", "R" and custom "yyyyMMddTHHmmssZ"). All times are UTC; fractions of seconds
// are kept as 100 ns ticks so "o" round-trips.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace azemu::arm::tmpl {

struct UtcTime {
  std::int64_t seconds = 0;  // unix seconds
  std::int64_t ticks = 0;    // 0..9'999'999 (100 ns units within the second)
};

/// "2020-04-07T14:53:14Z", "2020-04-07 14:53:14Z", "2020-04-07T14:53:14.123+02:00", "2020-04-07".
std::optional<UtcTime> parse_iso8601(std::string_view text);
/// nullopt when `duration` is not ISO 8601. Years and months move the calendar (day clamped to the
/// month's end, as .NET AddMonths), the rest adds seconds.
std::optional<UtcTime> add_iso8601_duration(UtcTime t, std::string_view duration);
/// .NET DateTime.ToString(format, InvariantCulture). Throws std::invalid_argument on a bad format.
std::string format_dotnet(UtcTime t, std::string_view format);

}  // namespace azemu::arm::tmpl
