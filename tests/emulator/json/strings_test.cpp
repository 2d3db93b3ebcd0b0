#include "emulator/json/strings.hpp"

#include <doctest/doctest.h>

using namespace azemu::text;

TEST_SUITE("strings") {
  TEST_CASE("base64 decodes standard and URL-safe alphabets with or without padding") {
    CHECK(base64_decode("aGVsbG8=") == "hello");
    CHECK(base64_decode("aGVsbG8") == "hello");
    CHECK(base64_decode("-_8") == base64_decode("+/8="));
    CHECK(base64url_encode("hello") == "aGVsbG8");
  }
  TEST_CASE("percent decoding handles plus as space only for forms") {
    CHECK(percent_decode("a%2Fb+c") == "a/b+c");
    CHECK(percent_decode("a%2Fb+c", true) == "a/b c");
  }
  TEST_CASE("case-insensitive comparisons") {
    CHECK(iequals("resourceGroups", "resourcegroups"));
    CHECK_FALSE(iequals("abc", "abcd"));
    CHECK(iends_with("KV1.VAULT.AZURE.NET", ".vault.azure.net"));
  }
}
