#include "vm-sim/ade/status_report.hpp"

#include <doctest/doctest.h>

using namespace azemu::vm::ade;

TEST_SUITE("status_report") {
  TEST_CASE("the substatus message is Python's json.dumps of os/data") {
    CHECK(EncryptionState{"Encrypted", "NotMounted"}.to_message() == R"({"os": "Encrypted", "data": "NotMounted"})");
  }

  TEST_CASE("the status file carries status, string code, message and one substatus") {
    auto j = build_status_file({"EnableEncryption", status::kSuccess, 0, "https://kv/secrets/a/b"}, {}, "2024-01-01T00:00:00Z");
    REQUIRE(j.is_array());
    auto s = j[0]["status"];
    CHECK(j[0]["timestampUTC"] == "2024-01-01T00:00:00Z");
    CHECK(s["name"] == "Microsoft.Azure.Security.AzureDiskEncryptionForLinux");
    CHECK(s["code"] == "0");
    CHECK(s["formattedMessage"]["message"] == "https://kv/secrets/a/b");
    CHECK(s["substatus"][0]["formattedMessage"]["message"] == R"({"os": "NotEncrypted", "data": "NotEncrypted"})");
    CHECK(s["substatus"][0]["status"] == "success");
  }

  TEST_CASE("VMRestartPending replaces the main message; non-printable characters are dropped") {
    auto j = build_status_file({"EnableEncryptionOSVolume", status::kSuccess, 0, "x"}, {"VMRestartPending", "Encrypted"}, "t");
    CHECK(j[0]["status"]["formattedMessage"]["message"] == "OS disk successfully encrypted, please reboot the VM");
    auto k = build_status_file({"Enable", status::kError, 53, "bad\x01 value\xc3\xa9"}, {}, "t");
    CHECK(k[0]["status"]["formattedMessage"]["message"] == "bad value");
    CHECK(k[0]["status"]["code"] == "53");
  }
}
