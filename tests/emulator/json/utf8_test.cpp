// Strict UTF-8: what RFC 3629 allows and the classic invalid forms.
#include "emulator/json/utf8.hpp"

#include <doctest/doctest.h>

using azemu::text::is_valid_utf8;

TEST_SUITE("utf8") {
  TEST_CASE("ASCII, two-, three- and four-byte sequences are valid") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("westus"));
    CHECK(is_valid_utf8("caf\xc3\xa9"));
    CHECK(is_valid_utf8("\xe2\x82\xac"));
    CHECK(is_valid_utf8("\xf0\x9f\x94\x91"));
  }

  TEST_CASE("stray, overlong, surrogate, truncated and out-of-range bytes are not") {
    CHECK_FALSE(is_valid_utf8("west\xffus"));
    CHECK_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xe0\x80\xaf"));      // overlong
    CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));      // UTF-16 surrogate
    CHECK_FALSE(is_valid_utf8("\xe2\x82"));          // truncated
    CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
    CHECK_FALSE(is_valid_utf8("\x80"));              // continuation without lead
  }
}
