// fuzz_agent_dispatch: the guest agent's request handling (vm-sim/agent/agent_dispatch.cpp) on
// every line the host could send, with actions that change nothing. Input: request lines. Oracle:
// serve_line() never throws, and each reply is one line of JSON with "ok" and the request's id.
#include "vm-sim/agent/agent_dispatch.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {
using namespace azemu::vm::agent;
using nlohmann::json;

struct InertActions final : AgentActions {
  void provision(const Provisioning&, const json&) override {}
  ScriptResult run_script(const std::string& script, int) override { return {0, script, ""}; }
  int run_program(const char*, const std::vector<std::string>& args) override { return args.size() > 3 ? 1 : 0; }
  void deliver_settings(const json&) override {}
  json read_status(const std::string& name) override {
    if (name.empty()) throw std::runtime_error("never delivered");
    return {{"seq", nullptr}};
  }
  void remove_extension(const std::string&) override {}
};

[[noreturn]] void finding(const char* why, std::string_view line) {
  std::fprintf(stderr, "azemu fuzz finding: %s\n  line: %.*s\n", why, static_cast<int>(std::min<std::size_t>(line.size(), 2000)),
               line.data());
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static InertActions actions;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  while (!input.empty()) {
    auto nl = input.find('\n');
    std::string_view line = input.substr(0, nl);
    input = nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);
    Served s;
    try {
      s = serve_line(line, actions);
    } catch (const std::exception& e) {
      finding(e.what(), line);
    }
    if (s.reply_line.empty() || s.reply_line.back() != '\n' || s.reply_line.find('\n') != s.reply_line.size() - 1)
      finding("the reply is not exactly one line", line);
    json reply = json::parse(s.reply_line, nullptr, false);
    if (!reply.is_object() || !reply.contains("ok") || !reply["ok"].is_boolean()) finding("the reply is not a JSON object with ok", line);
    json req = json::parse(line, nullptr, false);
    if (req.is_object() && req.contains("id") && reply["id"] != req["id"]) finding("the reply does not echo the id", line);
    if (s.power != Served::Power::none && reply["ok"] != true) finding("power action after a failed request", line);
  }
  return 0;
}
