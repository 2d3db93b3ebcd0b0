// The replies the runtimes read back from the agent: a handler's status file and run-command
// output. Both are written inside the guest, so mistyped members must not throw JSON exceptions
// out of the host's VM runtime (fuzz_control_channel).
#include "vm-sim/machine/agent_requests.hpp"

#include <doctest/doctest.h>

using namespace azemu::vm;
using nlohmann::json;

TEST_SUITE("agent_requests") {
  TEST_CASE("a status file is read into the extension report") {
    auto r = parse_extension_report(json::parse(R"({"id":1,"ok":true,"seq":3,"status":[{"status":{
      "status":"success","code":0,"formattedMessage":{"message":"Encryption succeeded"},"substatus":[{"name":"enable"}]}}]})"));
    CHECK(r.sequence_number == 3);
    CHECK(r.status == "success");
    CHECK(r.code == "0");
    CHECK(r.message == "Encryption succeeded");
    CHECK(r.substatus.size() == 1);
  }

  TEST_CASE("mistyped or missing members read as absent (was: json type_error)") {
    for (const char* reply : {R"({"seq":null})", R"({"seq":"3","status":"x"})", R"({"status":[7]})",
                              R"({"status":[{"status":"done"}]})",
                              R"({"status":[{"status":{"status":1,"formattedMessage":"m","substatus":{}}}]})",
                              R"({"seq":99999999999})"}) {
      CAPTURE(reply);
      azemu::ports::ExtensionReport r;
      CHECK_NOTHROW(r = parse_extension_report(json::parse(reply)));
      CHECK(r.status == "transitioning");
      CHECK(r.sequence_number == 0);
      CHECK(r.substatus == json::array());
    }
  }
}
