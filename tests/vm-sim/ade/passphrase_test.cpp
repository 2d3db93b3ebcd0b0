#include "vm-sim/ade/passphrase.hpp"

#include "emulator/json/strings.hpp"

#include <doctest/doctest.h>

using namespace azemu::vm::ade;

TEST_SUITE("passphrase") {
  TEST_CASE("a generated passphrase is base64 of 127 random bytes: 172 characters ending in ==") {
    std::string p = generate_passphrase();
    CHECK(p.size() == 172);
    CHECK(p.substr(170) == "==");
    CHECK(azemu::text::base64_decode(p).size() == 127);
    CHECK(looks_like_generated_passphrase(p));
    CHECK(generate_passphrase() != p);
  }

  TEST_CASE("other text is not taken for a generated passphrase") {
    CHECK_FALSE(looks_like_generated_passphrase("Quattro!"));
    CHECK_FALSE(looks_like_generated_passphrase(std::string(172, 'A')));
  }
}
