// The AES-256-GCM envelope: round trip, and refusal of tampered, truncated or misplaced blobs.
#include "emulator/store/crypto_envelope.hpp"

#include "emulator/json/strings.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace azemu::store;

TEST_SUITE("crypto_envelope") {
  TEST_CASE("sealed text opens with the same key and aad only") {
    Envelope e(std::string(64, 'a'));
    auto sealed = e.seal("secret", "vault/name/v1");
    CHECK(sealed.find("secret") == std::string::npos);
    CHECK(e.open(sealed, "vault/name/v1") == std::optional<std::string>("secret"));
    CHECK_FALSE(e.open(sealed, "vault/name/v2"));
    CHECK_FALSE(Envelope(std::string(64, 'b')).open(sealed, "vault/name/v1"));
    CHECK(e.seal("secret", "x") != e.seal("secret", "x"));  // fresh IV each time
  }

  TEST_CASE("tampered, truncated and non-base64 input does not open") {
    Envelope e(std::string(64, '0'));
    auto raw = azemu::text::base64_decode(e.seal("payload", ""));
    raw[raw.size() - 1] ^= 1;
    CHECK_FALSE(e.open(azemu::text::base64_encode(raw), ""));
    CHECK_FALSE(e.open("AAAA", ""));
    CHECK_FALSE(e.open("***", ""));
  }

  TEST_CASE("a master key that is not 64 hex characters is refused") {
    CHECK_THROWS_AS(Envelope("abc"), std::invalid_argument);
    CHECK_THROWS_AS(Envelope(std::string(64, 'g')), std::invalid_argument);
  }
}
