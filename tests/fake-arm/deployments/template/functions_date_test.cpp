#include "fake-arm/deployments/template/date_time.hpp"

#include "tests/fake-arm/deployments/template/template_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm::tmpl;
using namespace azemu::arm::tmpl::testing;
using nlohmann::json;

namespace {
json with_defaults(const json& decls) {
  Plan p = prepare({{"parameters", decls}}, json::object(), test_scope());
  return p.parameters();
}
}  // namespace

TEST_SUITE("functions_date") {
  TEST_CASE("dateTimeAdd with ISO 8601 durations (documented examples)") {
    CHECK(eval("[dateTimeAdd('2020-04-07 14:53:14Z', 'P3Y')]") == "2023-04-07T14:53:14Z");
    CHECK(eval("[dateTimeAdd('2020-04-07 14:53:14Z', '-PT9H')]") == "2020-04-07T05:53:14Z");
    CHECK(eval("[dateTimeAdd('2020-04-07 14:53:14Z', 'PT1H', 'yyyy-MM-dd HH:mm')]") == "2020-04-07 15:53");
    CHECK(eval("[dateTimeAdd('2020-01-31T00:00:00Z', 'P1M')]") == "2020-02-29T00:00:00Z");  // clamped like .NET AddMonths
    CHECK(eval("[dateTimeAdd('2020-04-07T23:00:00+02:00', 'P1W')]") == "2020-04-14T21:00:00Z");
    CHECK(error_of([] { eval("[dateTimeAdd('2020-04-07', 'three days')]"); }).code() == "InvalidTemplate");
    CHECK(error_of([] { eval("[dateTimeAdd('yesterday', 'P1D')]"); }).code() == "InvalidTemplate");
  }

  TEST_CASE("utcNow is only allowed in parameter defaults and reads the deployment clock") {
    json p = with_defaults({{"stamp", {{"type", "string"}, {"defaultValue", "[utcNow()]"}}},
                            {"day", {{"type", "string"}, {"defaultValue", "[utcNow('d')]"}}},
                            {"iso", {{"type", "string"}, {"defaultValue", "[utcNow('u')]"}}},
                            {"id", {{"type", "string"}, {"defaultValue", "[newGuid()]"}}}});
    CHECK(p["stamp"]["value"] == "20200407T145314Z");
    CHECK(p["day"]["value"] == "04/07/2020");
    CHECK(p["iso"]["value"] == "2020-04-07 14:53:14Z");
    CHECK(p["id"]["value"].get<std::string>().size() == 36);
    auto e = error_of([] { eval("[utcNow()]"); });
    CHECK(e.code() == "InvalidTemplate");
    CHECK(std::string(e.what()).find("not expected at this location") != std::string::npos);
    CHECK(error_of([] { eval("[newGuid()]"); }).code() == "InvalidTemplate");
  }

  TEST_CASE(".NET format strings") {
    UtcTime t{1586271194, 1234567};
    CHECK(format_dotnet(t, "o") == "2020-04-07T14:53:14.1234567Z");
    CHECK(format_dotnet(t, "yyyy'-'MMM ddd hh:mm tt") == "2020-Apr Tue 02:53 PM");
    CHECK(parse_iso8601("2020-04-07T14:53:14.5Z")->ticks == 5000000);
    CHECK_FALSE(parse_iso8601("2020-13-01"));
  }
}
