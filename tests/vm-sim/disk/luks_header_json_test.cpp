// LuksHeader's JSON form: wire names, and header strings that are not UTF-8 (they come from the
// disk image) serialize with U+FFFD instead of throwing (found by fuzz_luks_header).
#include "vm-sim/disk/luks_header_json.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace azemu::vm::disk;

TEST_SUITE("luks_header_json") {
  TEST_CASE("wire names are camelCase and keyslots nest") {
    LuksHeader h;
    h.version = 2;
    h.uuid = "7c1e9f2a-3b4d-4e5f-8a6b-9c0d1e2f3a4b";
    h.cipher = "aes-xts-plain64";
    h.key_size_bits = 512;
    h.keyslots.push_back(KeyslotInfo{0, "pbkdf2", "normal", false});
    nlohmann::json j = h;
    CHECK(j["keySizeBits"] == 512);
    CHECK(j["keyslots"][0]["kdf"] == "pbkdf2");
    CHECK(j["reencryptionInProgress"] == false);
  }

  TEST_CASE("header strings that are not UTF-8 become U+FFFD instead of making dump() throw") {
    LuksHeader h;
    h.label = "disk\xff";
    h.cipher = "aes-\xc3";
    h.keyslots.push_back(KeyslotInfo{1, "argon2\xfe", "", true});
    nlohmann::json j = h;
    std::string text;
    CHECK_NOTHROW(text = j.dump());
    CHECK(j["label"] == "disk\xef\xbf\xbd");
    CHECK(j["cipher"] == "aes-\xef\xbf\xbd");
    CHECK(j["keyslots"][0]["kdf"] == "argon2\xef\xbf\xbd");
  }
}
