#include "fake-arm/deployments/deployment_model.hpp"

#include "emulator/error/azure_error.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm;
using json = nlohmann::json;

TEST_SUITE("deployment_json") {
  TEST_CASE("lenient JSON: comments dropped, bare keys quoted, strings untouched") {
    auto j = parse_lenient_json(R"({"a": 1, template: {/* c */ "s": "x // not a comment: y", "t": true}, // end
                                    "n": null})");
    CHECK(j["a"] == 1);
    CHECK(j["template"]["s"] == "x // not a comment: y");
    CHECK(j["template"]["t"] == true);
    CHECK(j["n"].is_null());
    CHECK(parse_lenient_json(R"({"e": "quote \" and [brackets]"})")["e"] == "quote \" and [brackets]");
    CHECK_THROWS(parse_lenient_json("{bad"));
  }

  TEST_CASE("deployment input: mode canonicalised, template or templateLink required") {
    auto in = deployment_input_from_text(R"({"location":"westus","properties":{"mode":"complete","template":{}}})");
    CHECK(in.mode == "Complete");
    CHECK(in.location == "westus");
    CHECK_THROWS_AS(deployment_input_from_text(R"({"properties":{}})"), azemu::AzureError);
    CHECK_THROWS_AS(deployment_input_from_text(R"({"properties":{"template":[]}})"), azemu::AzureError);
    CHECK_THROWS_AS(deployment_input_from_text("not json"), azemu::AzureError);
  }

  TEST_CASE("ISO 8601 durations as ARM prints them") {
    CHECK(iso_duration(0) == "PT0S");
    CHECK(iso_duration(1230) == "PT1.23S");
    CHECK(iso_duration(2000) == "PT2S");
    CHECK(iso_duration(123500) == "PT2M3.5S");
    CHECK(iso_duration(3600000) == "PT1H");
  }
}
