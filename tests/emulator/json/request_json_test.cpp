// Request bodies under Azure's limits: depth counted outside strings, UTF-8 refused before parsing,
// and client-facing messages that never carry the parser's internals.
#include "emulator/json/request_json.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace azemu::json;

namespace {
std::string nested(int depth) { return std::string(depth, '[') + "1" + std::string(depth, ']'); }
}  // namespace

TEST_SUITE("request_json") {
  TEST_CASE("depth counts objects and arrays, not brackets inside strings") {
    CHECK(json_nesting_depth("{}") == 1);
    CHECK(json_nesting_depth(R"({"a":{"b":[1,2]}})") == 3);
    CHECK(json_nesting_depth(R"({"a":"[[[[{{{{"})") == 1);
    CHECK(json_nesting_depth(R"({"a":"\"[[[["})") == 1);
    CHECK(json_nesting_depth("\"x\"") == 0);
  }

  TEST_CASE("the scan stops at the first level past the limit") {
    CHECK(json_nesting_depth(nested(100000)) == kMaxJsonDepth + 1);
    CHECK(json_nesting_depth(nested(kMaxJsonDepth)) == kMaxJsonDepth);
  }

  TEST_CASE("64 levels parse, 65 are refused with a clean message") {
    CHECK(parse_request_json(nested(kMaxJsonDepth)).is_array());
    try {
      parse_request_json(nested(kMaxJsonDepth + 1));
      FAIL("deeper than the limit was accepted");
    } catch (const RequestJsonRejected& e) {
      CHECK(std::string(e.what()).find("deeper than 64") != std::string::npos);
    }
  }

  TEST_CASE("a body 100k levels deep is refused without recursion") {
    std::string body = "{\"location\":\"westus\",\"tags\":" + std::string(100000, '{');
    CHECK_THROWS_AS(parse_request_json(body), RequestJsonRejected);
  }

  TEST_CASE("invalid UTF-8 is refused before parsing") {
    try {
      parse_request_json("{\"location\":\"west\xffus\"}");
      FAIL("invalid UTF-8 accepted");
    } catch (const RequestJsonRejected& e) {
      CHECK(std::string(e.what()) == "The request body is not valid UTF-8.");
    }
  }

  TEST_CASE("syntax errors name the byte, not the parser") {
    try {
      parse_request_json("location=westus");
      FAIL("form body accepted as JSON");
    } catch (const RequestJsonRejected& e) {
      std::string what = e.what();
      CHECK(what.find("Invalid JSON at byte") == 0);
      CHECK(what.find("json.exception") == std::string::npos);
    }
  }

  TEST_CASE("type errors keep their meaning but lose the exception id") {
    try {
      nlohmann::json j = {{"exp", "soon"}};
      (void)j["exp"].get<long>();
      FAIL("no type error");
    } catch (const nlohmann::json::exception& e) {
      std::string text = describe_json_error(e);
      CHECK(text.find("json.exception") == std::string::npos);
      CHECK(text.find("must be number") != std::string::npos);
    }
  }

  TEST_CASE("a dump error describes nothing internal") {
    try {
      nlohmann::json j = std::string("\xff");
      (void)j.dump();
      FAIL("no dump error");
    } catch (const nlohmann::json::exception& e) {
      CHECK(describe_json_error(e) == "The request content could not be processed.");
    }
  }
}
