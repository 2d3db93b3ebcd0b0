#include "fake-arm/resources/tags/tags_service.hpp"

#include "emulator/error/azure_error.hpp"

#include <doctest/doctest.h>

using namespace azemu;
using namespace azemu::arm;

namespace {
TagsPatch patch_of(const char* op, nlohmann::json tags) {
  return tags_patch_from_json({{"operation", op}, {"properties", {{"tags", std::move(tags)}}}});
}
std::string code_of(const nlohmann::json& body) {
  try {
    tags_patch_from_json(body);
    return "";
  } catch (const AzureError& e) {
    return e.code();
  }
}
}  // namespace

TEST_SUITE("tags_service") {
  const nlohmann::json kNow = {{"Env", "prod"}, {"team", "a"}};

  TEST_CASE("Merge adds and overwrites (a name in another case replaces the old spelling)") {
    CHECK(apply_tags_patch(kNow, patch_of("Merge", {{"team", "b"}, {"new", "1"}})) ==
          nlohmann::json{{"Env", "prod"}, {"team", "b"}, {"new", "1"}});
    CHECK(apply_tags_patch(kNow, patch_of("merge", {{"env", "dev"}})) == nlohmann::json{{"env", "dev"}, {"team", "a"}});
  }

  TEST_CASE("Replace sets the patch's tags") {
    CHECK(apply_tags_patch(kNow, patch_of("Replace", {{"x", "y"}})) == nlohmann::json{{"x", "y"}});
    CHECK(apply_tags_patch(kNow, patch_of("Replace", nlohmann::json::object())) == nlohmann::json::object());
  }

  TEST_CASE("Delete drops by name, or by name and value when a value is given") {
    CHECK(apply_tags_patch(kNow, patch_of("Delete", {{"ENV", ""}})) == nlohmann::json{{"team", "a"}});
    CHECK(apply_tags_patch(kNow, patch_of("Delete", {{"env", "prod"}})) == nlohmann::json{{"team", "a"}});
    CHECK(apply_tags_patch(kNow, patch_of("Delete", {{"env", "dev"}})) == kNow);  // value differs: kept
    CHECK(apply_tags_patch(kNow, patch_of("Delete", {{"other", ""}})) == kNow);
  }

  TEST_CASE("bodies: PUT and PATCH need properties.tags; PATCH a known operation") {
    CHECK(tags_from_put_body({{"properties", {{"tags", {{"a", "b"}}}}}}) == nlohmann::json{{"a", "b"}});
    CHECK(tags_from_put_body({{"properties", nlohmann::json::object()}}) == nlohmann::json::object());
    CHECK_THROWS_AS(tags_from_put_body({{"tags", {{"a", "b"}}}}), AzureError);
    CHECK(code_of({{"operation", "Upsert"}, {"properties", {{"tags", nlohmann::json::object()}}}}) == "InvalidRequestContent");
    CHECK(code_of({{"properties", {{"tags", nlohmann::json::object()}}}}) == "InvalidRequestContent");
    CHECK(code_of({{"operation", "Merge"}, {"properties", {{"tags", {{"a", 1}}}}}}) == "InvalidTagValue");
  }

  TEST_CASE("the wrapper resource names its scope") {
    auto id = ResourceId::resource_group("s1", "rg1");
    auto j = tags_resource_json(id, {{"a", "b"}});
    CHECK(j["id"] == "/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Resources/tags/default");
    CHECK(j["name"] == "default");
    CHECK(j["type"] == "Microsoft.Resources/tags");
    CHECK(j["properties"]["tags"] == nlohmann::json{{"a", "b"}});
  }
}
