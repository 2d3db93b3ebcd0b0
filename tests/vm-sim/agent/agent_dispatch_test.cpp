// The agent's request dispatch: each op reaches its action with typed fields, replies echo the id,
// and malformed requests get ok:false instead of ending the agent (fuzz_agent_dispatch checks the same).
#include "vm-sim/agent/agent_dispatch.hpp"

#include <doctest/doctest.h>

using namespace azemu::vm::agent;
using nlohmann::json;

namespace {
struct RecordingActions final : AgentActions {
  std::vector<std::string> calls;
  Provisioning provisioned;
  void provision(const Provisioning& p, const json&) override {
    calls.push_back("provision");
    provisioned = p;
  }
  ScriptResult run_script(const std::string& script, int timeout_s) override {
    calls.push_back("run " + script + " " + std::to_string(timeout_s));
    return {3, "out", "err"};
  }
  int run_program(const char* path, const std::vector<std::string>& args) override {
    std::string c = std::string("program ") + path;
    for (const auto& a : args) c += " " + a;
    calls.push_back(c);
    return 0;
  }
  void deliver_settings(const json&) override { calls.push_back("settings"); }
  json read_status(const std::string& name) override {
    calls.push_back("status " + name);
    return {{"seq", 1}};
  }
  void remove_extension(const std::string& name) override {
    calls.push_back("remove " + name);
    throw std::runtime_error("not delivered");
  }
};

json reply_of(const Served& s) {
  REQUIRE(!s.reply_line.empty());
  CHECK(s.reply_line.back() == '\n');
  return json::parse(s.reply_line);
}
}  // namespace

TEST_SUITE("agent_dispatch") {
  TEST_CASE("each op reaches its action and the reply echoes the id") {
    RecordingActions a;
    auto ping = reply_of(serve_line(R"({"id":1,"op":"ping"})", a));
    CHECK(ping["ok"] == true);
    CHECK(ping["id"] == 1);
    CHECK(ping["t"].is_number_integer());

    auto prov = reply_of(serve_line(R"({"id":2,"op":"provision","hostname":"vm1","user":"azureuser","ssh_keys":["k1"]})", a));
    CHECK(prov["ok"] == true);
    CHECK(a.provisioned.hostname == "vm1");
    CHECK(a.provisioned.ssh_keys == std::vector<std::string>{"k1"});

    auto run = reply_of(serve_line(R"({"id":3,"op":"run","script_b64":"ZWNobyBoaQ==","timeout_s":7})", a));
    CHECK(run["exit_code"] == 3);
    CHECK(run["stdout_b64"] == "b3V0");
    CHECK(a.calls.back() == "run echo hi 7");

    CHECK(reply_of(serve_line(R"({"id":4,"op":"disks","luns":{"ubdd":2}})", a))["ok"] == true);
    CHECK(a.calls.back() == "program /usr/lib/azemu/azdisks.sh ubdd=2");
    CHECK(reply_of(serve_line(R"({"id":6,"op":"ext_status","name":"ADE"})", a))["seq"] == 1);
    auto removed = reply_of(serve_line(R"({"id":7,"op":"ext_remove","name":"ADE"})", a));
    CHECK(removed["ok"] == false);
    CHECK(removed["error"] == "not delivered");
  }

  TEST_CASE("shutdown and reboot are answered first, then acted on") {
    RecordingActions a;
    auto s = serve_line(R"({"id":8,"op":"shutdown"})", a);
    CHECK(s.power == Served::Power::shutdown);
    CHECK(reply_of(s)["id"] == 8);
    CHECK(serve_line(R"({"id":9,"op":"reboot"})", a).power == Served::Power::reboot);
  }

  TEST_CASE("a non-string id is echoed as sent instead of ending the agent") {
    // Was: reply["id"] = req.value("id", 0) outside the try block threw type_error and the agent died.
    RecordingActions a;
    CHECK(reply_of(serve_line(R"({"id":"x","op":"ping"})", a))["id"] == "x");
    CHECK(reply_of(serve_line(R"({"id":[1],"op":"nope"})", a))["id"] == json::array({1}));
  }

  TEST_CASE("fields of the wrong type give ok:false and run no action") {
    RecordingActions a;
    for (const char* line : {R"({"id":1,"op":7})", R"({"id":1,"op":"provision","ssh_keys":"k"})",
                             R"({"id":1,"op":"provision","ssh_keys":[1]})", R"({"id":1,"op":"run"})",
                             R"({"id":1,"op":"run","script_b64":"eA==","timeout_s":"9"})",
                             R"({"id":1,"op":"disks","luns":[1]})", R"({"id":1,"op":"disks","luns":{"ubdb":"2 ; rm"}})",
                             R"({"id":1,"op":"ext_status","name":{}})"}) {
      CAPTURE(line);
      auto r = reply_of(serve_line(line, a));
      CHECK(r["ok"] == false);
      CHECK(r["error"].is_string());
    }
    CHECK(a.calls.empty());
  }

  TEST_CASE("a line that is not a JSON object gets ok:false without an id") {
    RecordingActions a;
    for (const char* line : {"\xff{", "[1]", "\"op\"", "{\"id\":1"}) {
      CAPTURE(line);
      auto r = reply_of(serve_line(line, a));
      CHECK(r["error"] == "not a JSON object");
      CHECK_FALSE(r.contains("id"));
    }
  }
}
