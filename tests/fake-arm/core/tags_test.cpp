#include "fake-arm/core/tags.hpp"

#include "emulator/error/azure_error.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm;

namespace {
std::string code_of(const nlohmann::json& tags) {
  try {
    validated_tags(tags);
    return "";
  } catch (const azemu::AzureError& e) {
    return e.code();
  }
}
}  // namespace

TEST_SUITE("tags") {
  TEST_CASE("valid tags pass and null becomes an empty object") {
    CHECK(validated_tags(nullptr) == nlohmann::json::object());
    CHECK(validated_tags({{"env", "prod"}}) == nlohmann::json{{"env", "prod"}});
  }

  TEST_CASE("ARM's limits are enforced") {
    nlohmann::json many = nlohmann::json::object();
    for (int i = 0; i < 51; ++i) many["t" + std::to_string(i)] = "v";
    CHECK(code_of(many) == "InvalidTagCount");
    CHECK(code_of({{std::string(513, 'n'), "v"}}) == "InvalidTagNameLength");
    CHECK(code_of({{"n", std::string(257, 'v')}}) == "InvalidTagValueLength");
    for (const char* bad : {"a<b", "a>b", "a%b", "a&b", "a\\b", "a?b", "a/b"}) CHECK(code_of({{bad, "v"}}) == "InvalidTagNameCharacters");
    CHECK(code_of({{"n", 1}}) == "InvalidTagValue");
    CHECK(code_of(nlohmann::json::array()) == "InvalidRequestContent");
  }

  TEST_CASE("tag matching ignores the name's case but not the value's") {
    nlohmann::json t = {{"Env", "Prod"}};
    CHECK(tags_match(t, "env", std::nullopt));
    CHECK(tags_match(t, "ENV", std::string("Prod")));
    CHECK_FALSE(tags_match(t, "env", std::string("prod")));
    CHECK_FALSE(tags_match(t, "team", std::nullopt));
  }
}
