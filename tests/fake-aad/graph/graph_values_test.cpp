// Strict body readers and DateTimeOffset parsing.
#include "fake-aad/graph/graph_values.hpp"

#include "emulator/error/azure_error.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::aad::graph_values;

TEST_SUITE("graph_values") {

TEST_CASE("parse_datetime accepts Z, fractions and offsets") {
  CHECK(parse_datetime("2020-01-01T00:00:00Z", "k", "R") == 1'577'836'800);
  CHECK(parse_datetime("2020-01-01T00:00:00.123456Z", "k", "R") == 1'577'836'800);
  CHECK(parse_datetime("2020-01-01T02:00:00+02:00", "k", "R") == 1'577'836'800);
  CHECK_THROWS_AS(parse_datetime("yesterday", "k", "R"), AzureError);
  CHECK_THROWS_AS(parse_datetime("2020-13-01T00:00:00Z", "k", "R"), AzureError);
}

TEST_CASE("wrong JSON types are Graph's invalid-property 400; missing required strings name the property") {
  nlohmann::json body = {{"displayName", 5}, {"tags", {"a", 1}}};
  try {
    opt_string(body, "displayName", "Application");
    FAIL("expected a throw");
  } catch (const AzureError& e) {
    CHECK(e.code() == "Request_BadRequest");
    CHECK(e.message() == "Invalid value specified for property 'displayName' of resource 'Application'.");
  }
  CHECK_THROWS_AS(opt_strings(body, "tags", "Application"), AzureError);
  CHECK_FALSE(opt_string(body, "missing", "Application"));
  try {
    required_string(body, "missing", "User");
    FAIL("expected a throw");
  } catch (const AzureError& e) {
    CHECK(e.message() == "Property missing value is required but is empty or missing.");
  }
}

}
