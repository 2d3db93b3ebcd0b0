#include "fake-arm/core/async_operation_handlers.hpp"

#include "emulator/json/strings.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::arm;
using std::chrono::milliseconds;

namespace {
std::string header(const http::Reply& r, const std::string& name) {
  std::string out;
  int n = 0;
  for (const auto& h : r.headers)
    if (text::iequals(h.first, name)) {
      out = h.second;
      ++n;
    }
  return n > 1 ? "(" + std::to_string(n) + " times)" : out;
}

http::Reply delayed(std::optional<milliseconds> remaining) {
  auto r = http::Reply::empty(202);
  r.header("Retry-After", "1");  // as with_polling_headers left it
  return with_poll_delay(r, remaining);
}
}  // namespace

TEST_SUITE("async_operation_handlers") {
  TEST_CASE("the next poll's delay follows the work's expected remaining time") {
    // Unknown: a second, as before any pace was learned.
    CHECK(header(delayed(std::nullopt), "retry-after") == "1");
    CHECK(header(delayed(std::nullopt), "x-ms-retry-after-ms").empty());
    // A second or more: whole seconds, rounded down, an integer as azure-core 1.26 (int()) needs.
    CHECK(header(delayed(milliseconds(2700)), "retry-after") == "2");
    CHECK(header(delayed(milliseconds(1000)), "retry-after") == "1");
    // Less: no Retry-After (azure-core would read it first), the time left in milliseconds.
    auto soon = delayed(milliseconds(400));
    CHECK(header(soon, "retry-after").empty());
    CHECK(header(soon, "x-ms-retry-after-ms") == "400");
    CHECK(header(delayed(milliseconds(20)), "x-ms-retry-after-ms") == "100");
    CHECK(header(delayed(milliseconds(0)), "x-ms-retry-after-ms") == "250");   // due: poll again soon
    CHECK(header(delayed(milliseconds(-300)), "x-ms-retry-after-ms") == "250");  // overdue
  }
}
