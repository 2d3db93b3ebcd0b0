#include "emulator/auth/jwt.hpp"

#include "emulator/json/strings.hpp"

#include <doctest/doctest.h>

using namespace azemu::auth;

namespace {
const SigningKey& key() {
  static SigningKey k = SigningKey::generate();
  return k;
}
nlohmann::json claims(std::int64_t now) {
  return {{"aud", "https://management.core.windows.net/"}, {"tid", "t1"}, {"oid", "o1"}, {"appid", "a1"},
          {"idtyp", "app"}, {"iat", now}, {"nbf", now}, {"exp", now + 3600}};
}
TokenVerifier verifier() {
  return TokenVerifier(key(), [](std::string_view tid) { return tid == "t1"; });
}
const std::vector<std::string> kArm = {"https://management.core.windows.net", "https://management.azure.com/"};
}  // namespace

TEST_SUITE("jwt") {
  TEST_CASE("a signed token verifies into a principal") {
    auto token = sign_jwt(claims(1000), key());
    auto r = verifier().verify("Bearer " + token, kArm, 1000);
    REQUIRE(r.ok);
    CHECK(r.principal.object_id == "o1");
    CHECK(r.principal.app_id == "a1");
    CHECK(r.principal.kind == PrincipalKind::app);
  }

  TEST_CASE("each failure is reported as itself") {
    auto v = verifier();
    CHECK(v.verify("", kArm, 1000).failure == AuthFailure::missing);
    CHECK(v.verify("Basic abc", kArm, 1000).failure == AuthFailure::missing);
    CHECK(v.verify("Bearer not-a-jwt", kArm, 1000).failure == AuthFailure::malformed);
    auto token = sign_jwt(claims(1000), key());
    CHECK(v.verify("Bearer " + token, kArm, 1000 + 3600).failure == AuthFailure::expired);
    CHECK(v.verify("Bearer " + token, {"https://vault.azure.net"}, 1000).failure == AuthFailure::wrong_audience);
    auto other = claims(1000);
    other["tid"] = "t2";
    CHECK(v.verify("Bearer " + sign_jwt(other, key()), kArm, 1000).failure == AuthFailure::wrong_tenant);
  }

  TEST_CASE("a token signed by another key is rejected") {
    SigningKey stranger = SigningKey::generate();
    auto token = sign_jwt(claims(1000), stranger);
    CHECK(verifier().verify("Bearer " + token, kArm, 1000).failure == AuthFailure::bad_signature);
  }

  TEST_CASE("a tampered payload breaks the signature") {
    auto token = sign_jwt(claims(1000), key());
    auto evil = claims(1000);
    evil["oid"] = "attacker";
    auto first = token.find('.'), last = token.rfind('.');
    std::string forged = token.substr(0, first + 1) + azemu::text::base64url_encode(evil.dump()) + token.substr(last);
    CHECK(verifier().verify("Bearer " + forged, kArm, 1000).failure == AuthFailure::bad_signature);
  }

  TEST_CASE("the JWK publishes the key id and RSA parameters") {
    auto jwk = key().jwk();
    CHECK(jwk["kid"] == key().kid());
    CHECK(jwk["kty"] == "RSA");
    CHECK(jwk["e"] == "AQAB");
  }
}
