// Calendar math uses C++20 <chrono> civil dates; no time zone database is needed since ARM
// works in UTC (offsets in inputs are converted).
#include "fake-arm/deployments/template/date_time.hpp"

#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace azemu::arm::tmpl {
namespace {

using namespace std::chrono;

const char* kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                         "July",    "August",   "September", "October", "November", "December"};

struct Parts {
  int year, month, day, hour, minute, second, weekday;
};

Parts split(std::int64_t secs) {
  auto tp = sys_seconds{seconds{secs}};
  auto dp = floor<days>(tp);
  year_month_day ymd{dp};
  hh_mm_ss hms{tp - dp};
  return {int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day())), int(hms.hours().count()),
          int(hms.minutes().count()), int(hms.seconds().count()), int(weekday{dp}.c_encoding())};
}

std::int64_t join(int y, int mo, int d, int h, int mi, int s) {
  auto dp = sys_days{year{y} / month{unsigned(mo)} / day{unsigned(d)}};
  return duration_cast<seconds>(dp.time_since_epoch()).count() + h * 3600LL + mi * 60LL + s;
}

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

std::string pad(std::int64_t v, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(v));
  return buf;
}

}  // namespace

std::optional<UtcTime> parse_iso8601(std::string_view s) {
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' || !digits(s, 8, 2, d))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  std::size_t i = 10;
  std::int64_t ticks = 0, offset = 0;
  if (i < s.size() && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
    if (!digits(s, i + 1, 2, h) || s.size() < i + 6 || s[i + 3] != ':' || !digits(s, i + 4, 2, mi)) return std::nullopt;
    i += 6;
    if (i < s.size() && s[i] == ':') {
      if (!digits(s, i + 1, 2, sec)) return std::nullopt;
      i += 3;
      if (i < s.size() && s[i] == '.') {
        ++i;
        int n = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
          if (n < 7) ticks = ticks * 10 + (s[i] - '0'), ++n;
          ++i;
        }
        for (; n < 7; ++n) ticks *= 10;
      }
    }
    if (h > 23 || mi > 59 || sec > 59) return std::nullopt;
  }
  if (i < s.size()) {
    if (s[i] == 'Z' || s[i] == 'z') {
      ++i;
    } else if (s[i] == '+' || s[i] == '-') {
      int oh, om;
      if (!digits(s, i + 1, 2, oh) || s.size() < i + 6 || s[i + 3] != ':' || !digits(s, i + 4, 2, om)) return std::nullopt;
      offset = (s[i] == '-' ? -1 : 1) * (oh * 3600LL + om * 60LL);
      i += 6;
    }
  }
  if (i != s.size()) return std::nullopt;
  auto ymd = year{y} / month{unsigned(mo)} / day{unsigned(d)};
  if (!ymd.ok()) return std::nullopt;
  return UtcTime{join(y, mo, d, h, mi, sec) - offset, ticks};
}

std::optional<UtcTime> add_iso8601_duration(UtcTime t, std::string_view s) {
  std::size_t i = 0;
  int sign = 1;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) sign = s[i++] == '-' ? -1 : 1;
  if (i >= s.size() || (s[i] != 'P' && s[i] != 'p')) return std::nullopt;
  ++i;
  bool in_time = false, any = false;
  std::int64_t years = 0, months = 0, secs = 0;
  while (i < s.size()) {
    if (s[i] == 'T' || s[i] == 't') {
      if (in_time) return std::nullopt;
      in_time = true;
      ++i;
      continue;
    }
    std::int64_t n = 0;
    std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') n = n * 10 + (s[i++] - '0');
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {  // fractional seconds: ignored below a second
      ++i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    }
    if (i == start || i >= s.size()) return std::nullopt;
    char unit = static_cast<char>(s[i++] & ~0x20);  // upper case
    any = true;
    if (!in_time && unit == 'Y') years += n;
    else if (!in_time && unit == 'M') months += n;
    else if (!in_time && unit == 'W') secs += n * 7 * 86400;
    else if (!in_time && unit == 'D') secs += n * 86400;
    else if (in_time && unit == 'H') secs += n * 3600;
    else if (in_time && unit == 'M') secs += n * 60;
    else if (in_time && unit == 'S') secs += n;
    else return std::nullopt;
  }
  if (!any) return std::nullopt;
  Parts p = split(t.seconds);
  std::int64_t total_months = p.year * 12LL + (p.month - 1) + sign * (years * 12 + months);
  int y = static_cast<int>(total_months / 12), m = static_cast<int>(total_months % 12) + 1;
  unsigned last = unsigned((year{y} / month{unsigned(m)} / std::chrono::last).day());
  int d = std::min<int>(p.day, static_cast<int>(last));
  return UtcTime{join(y, m, d, p.hour, p.minute, p.second) + sign * secs, t.ticks};
}

std::string format_dotnet(UtcTime t, std::string_view f) {
  // Standard formats (single letter) expand to their invariant-culture custom patterns.
  if (f.size() == 1) {
    switch (f[0]) {
      case 'u': f = "yyyy'-'MM'-'dd HH':'mm':'ss'Z'"; break;
      case 's': f = "yyyy'-'MM'-'dd'T'HH':'mm':'ss"; break;
      case 'o':
      case 'O': f = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'"; break;
      case 'd': f = "MM/dd/yyyy"; break;
      case 'D': f = "dddd, dd MMMM yyyy"; break;
      case 't': f = "HH:mm"; break;
      case 'T': f = "HH:mm:ss"; break;
      case 'g': f = "MM/dd/yyyy HH:mm"; break;
      case 'G': f = "MM/dd/yyyy HH:mm:ss"; break;
      case 'R':
      case 'r': f = "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'"; break;
      default: throw std::invalid_argument("Input string was not in a correct format.");
    }
  }
  Parts p = split(t.seconds);
  std::string out;
  std::size_t i = 0;
  while (i < f.size()) {
    char c = f[i];
    std::size_t n = 1;
    while (i + n < f.size() && f[i + n] == c) ++n;
    switch (c) {
      case 'y': out += n == 2 ? pad(p.year % 100, 2) : (n == 1 ? std::to_string(p.year % 100) : pad(p.year, int(n))); break;
      case 'M':
        out += n >= 4 ? kMonths[p.month - 1] : n == 3 ? std::string(kMonths[p.month - 1]).substr(0, 3) : pad(p.month, int(n));
        break;
      case 'd': out += n >= 4 ? kDays[p.weekday] : n == 3 ? std::string(kDays[p.weekday]).substr(0, 3) : pad(p.day, int(n)); break;
      case 'H': out += pad(p.hour, int(std::min<std::size_t>(n, 2))); break;
      case 'h': out += pad(p.hour % 12 == 0 ? 12 : p.hour % 12, int(std::min<std::size_t>(n, 2))); break;
      case 'm': out += pad(p.minute, int(std::min<std::size_t>(n, 2))); break;
      case 's': out += pad(p.second, int(std::min<std::size_t>(n, 2))); break;
      case 't': out += n == 1 ? (p.hour < 12 ? "A" : "P") : (p.hour < 12 ? "AM" : "PM"); break;
      case 'f':
      case 'F': {
        std::string frac = pad(t.ticks, 7).substr(0, std::min<std::size_t>(n, 7));
        if (c == 'F')
          while (!frac.empty() && frac.back() == '0') frac.pop_back();
        out += frac;
        break;
      }
      case '\'':
      case '"': {
        std::size_t end = f.find(c, i + 1);
        if (end == std::string_view::npos) throw std::invalid_argument("Input string was not in a correct format.");
        out += f.substr(i + 1, end - i - 1);
        i = end + 1;
        continue;
      }
      case '\\':
        if (i + 1 < f.size()) out += f[i + 1];
        i += 2;
        continue;
      default: out.append(n, c);
    }
    i += n;
  }
  return out;
}

}  // namespace azemu::arm::tmpl
