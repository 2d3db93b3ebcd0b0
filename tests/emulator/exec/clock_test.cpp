#include "emulator/exec/clock.hpp"

#include <doctest/doctest.h>

using namespace azemu::exec;

TEST_SUITE("clock") {
  TEST_CASE("ISO 8601 formats") {
    CHECK(iso8601(0) == "1970-01-01T00:00:00Z");
    CHECK(iso8601_7(Clock::time_point(std::chrono::seconds(1800000000))) == "2027-01-15T08:00:00.0000000Z");
  }
  TEST_CASE("the fake clock moves only when told") {
    FakeClock c(100);
    CHECK(c.now_unix() == 100);
    c.advance(std::chrono::seconds(50));
    CHECK(c.now_unix() == 150);
  }
  TEST_CASE("the system clock can be moved forward for time travel") {
    SystemClock c;
    auto before = c.now_unix();
    c.advance(std::chrono::hours(2));
    CHECK(c.now_unix() >= before + 7200);
  }
}
