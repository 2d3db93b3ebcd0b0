// Reading the stuck-datashift state from LUKS2 metadata (the pure part of
// crypto_datashift_finish): the real stuck header is recognised, and metadata of the wrong shape —
// it comes from a disk image, so it is input — gives nullopt instead of a JSON or stoull exception.
#include "vm-sim/disk/crypto_datashift_finish.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace azemu::vm::disk;
using nlohmann::json;

namespace {
// The metadata libcryptsetup 2.6.1 leaves when it dies after the last regular hotzone (shape taken
// from `cryptsetup reencrypt --encrypt --reduce-device-size 8M` on a 64 MiB image).
json stuck() {
  return json::parse(R"({
    "keyslots": {"0": {"type": "luks2"},
                 "1": {"type": "reencrypt", "mode": "encrypt", "area": {"type": "datashift", "shift_size": "4194304"}}},
    "segments": {"0": {"type": "crypt", "offset": "4194304", "size": "dynamic", "iv_tweak": "0",
                       "encryption": "aes-xts-plain64", "sector_size": 512},
                 "1": {"type": "linear", "offset": "62914560", "size": "4194304", "flags": ["backup-moved-segment"]},
                 "2": {"type": "crypt", "offset": "4194304", "size": "dynamic", "iv_tweak": "0", "sector_size": 512,
                       "flags": ["backup-final"]}}})");
}
}  // namespace

TEST_SUITE("crypto_datashift_finish") {
  TEST_CASE("the stuck header gives where the parked plaintext is and where it goes") {
    auto s = parse_stuck_datashift_state(stuck().dump());
    REQUIRE(s);
    CHECK(s->moved_offset == 62914560u);
    CHECK(s->moved_size == 4194304u);
    CHECK(s->data_offset == 4194304u);
    CHECK(s->sector_size == 512u);
  }

  TEST_CASE("metadata of the wrong shape is not the stuck state, and never throws") {
    auto with = [](auto change) {
      json j = stuck();
      change(j);
      return j.dump();
    };
    for (const std::string& text :
         {std::string("not json"), std::string("[]"), with([](json& j) { j["segments"] = "x"; }),
          with([](json& j) { j["keyslots"]["1"] = 7; }),
          with([](json& j) { j["segments"]["1"]["offset"] = 5; }),           // was: type_error from value()
          with([](json& j) { j["segments"]["1"]["size"] = "x12"; }),         // was: std::invalid_argument from stoull
          with([](json& j) { j["segments"]["1"]["size"] = "99999999999999999999999"; }),  // was: out_of_range
          with([](json& j) { j["segments"]["1"]["flags"] = "backup-moved-segment"; }),
          with([](json& j) { j["segments"]["0"]["sector_size"] = "512"; }),
          with([](json& j) { j["segments"]["0"]["sector_size"] = 0; }),
          with([](json& j) { j["segments"]["1"]["size"] = "1099511627776"; }),  // 1 TiB would be read into memory
          with([](json& j) { j["segments"]["1"]["size"] = "4194305"; }),        // not whole sectors
          with([](json& j) { j["keyslots"]["1"]["area"]["type"] = "checksum"; })}) {
      CAPTURE(text.substr(0, 120));
      CHECK_NOTHROW(CHECK_FALSE(parse_stuck_datashift_state(text)));
    }
  }
}
