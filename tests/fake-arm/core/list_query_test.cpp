#include "fake-arm/core/list_query.hpp"

#include "emulator/error/azure_error.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm;

TEST_SUITE("list_query") {
  TEST_CASE("parses the filter subset ARM documents") {
    auto f = parse_filter("resourceType eq 'Microsoft.KeyVault/vaults' and name eq 'it''s' and tagName eq 'env' and tagValue eq 'prod'");
    CHECK(f.resource_type == "Microsoft.KeyVault/vaults");
    CHECK(f.name == "it's");
    CHECK(f.tag_name == "env");
    CHECK(f.tag_value == "prod");
    auto g = parse_filter("substringof('kv', name) and location eq 'westus'");
    CHECK(g.name_contains == "kv");
    CHECK(g.location == "westus");
    CHECK(parse_filter("ResourceType EQ 'x'").resource_type == "x");
  }

  TEST_CASE("an unsupported filter is InvalidFilterInQueryString") {
    for (const char* bad : {"foo eq 'x'", "name ne 'x'", "name eq x", "name eq 'x' or name eq 'y'", "tagValue eq 'v'",
                            "name eq 'unterminated"}) {
      CAPTURE(bad);
      try {
        parse_filter(bad);
        FAIL("no error");
      } catch (const azemu::AzureError& e) {
        CHECK(e.code() == "InvalidFilterInQueryString");
      }
    }
  }

  TEST_CASE("paginate reports the next offset only while items remain") {
    ListQuery q;
    q.top = 2;
    auto p1 = paginate(std::vector<int>{1, 2, 3, 4, 5}, q);
    CHECK(p1.items == std::vector<int>{1, 2});
    CHECK(p1.next_skip == 2u);
    q.skip = 4;
    auto p3 = paginate(std::vector<int>{1, 2, 3, 4, 5}, q);
    CHECK(p3.items == std::vector<int>{5});
    CHECK_FALSE(p3.next_skip);
  }
}
