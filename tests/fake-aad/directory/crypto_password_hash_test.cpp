// PBKDF2 password hashing and SHA-256 digests.
#include "fake-aad/directory/password_hash.hpp"

#include <doctest/doctest.h>

using namespace azemu::aad;

TEST_SUITE("crypto_password_hash") {

TEST_CASE("a hash verifies its own password only, and salts differ between hashes") {
  auto a = hash_password("correct horse", 1000);
  auto b = hash_password("correct horse", 1000);
  CHECK(verify_password("correct horse", a));
  CHECK_FALSE(verify_password("correct hors", a));
  CHECK_FALSE(verify_password("", a));
  CHECK(a.salt != b.salt);
  CHECK(a.hash != b.hash);
  CHECK_FALSE(verify_password("x", PasswordHash{}));
}

TEST_CASE("sha256_hex matches the known digest of 'abc'") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}
