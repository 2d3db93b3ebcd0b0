#include "emulator/error/dialects.hpp"

#include <doctest/doctest.h>

using namespace azemu;

TEST_SUITE("dialects") {
  AzureError sample() {
    return AzureError(ErrorKind::NotFound, "ResourceGroupNotFound", "Resource group 'x' could not be found.");
  }

  TEST_CASE("ARM bodies carry code and message under error") {
    auto b = error::render(sample(), Dialect::arm, "rid", "now");
    CHECK(b.status == 404);
    auto j = nlohmann::json::parse(b.body);
    CHECK(j["error"]["code"] == "ResourceGroupNotFound");
    CHECK(j["error"]["message"] == "Resource group 'x' could not be found.");
  }

  TEST_CASE("Graph bodies carry innerError with the request id") {
    auto j = nlohmann::json::parse(error::render(sample(), Dialect::graph, "rid", "now").body);
    CHECK(j["error"]["innerError"]["request-id"] == "rid");
    CHECK(j["error"]["innerError"]["date"] == "now");
  }

  TEST_CASE("Entra bodies carry error, error_description and error_codes") {
    AzureError e(ErrorKind::Unauthorized, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
    e.with_aad_codes({7000215});
    auto b = error::render(e, Dialect::aad, "rid", "now");
    CHECK(b.status == 401);
    auto j = nlohmann::json::parse(b.body);
    CHECK(j["error"] == "invalid_client");
    CHECK(j["error_codes"][0] == 7000215);
    CHECK(j["trace_id"] == "rid");
  }

  TEST_CASE("a status override wins over the kind") {
    AzureError e(ErrorKind::BadRequest, "X", "y");
    e.with_status(422);
    CHECK(error::render(e, Dialect::arm, "r", "n").status == 422);
  }
}
