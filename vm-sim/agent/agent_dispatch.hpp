// The agent's side of the protocol in agent_protocol.hpp, apart from its serial line and from the
// machine it changes: one request line in, one reply line out. What a request does to the guest
// (users, scripts, extension files, power) goes through AgentActions, so tests and the fuzzer
// drive the whole protocol without touching the machine they run on. agent_main.cpp owns the tty.
#pragma once

#include "vm-sim/agent/agent_provision.hpp"
#include "vm-sim/agent/agent_run.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace azemu::vm::agent {

/// What requests do to the guest. Each may throw std::exception; the reply then says ok:false.
class AgentActions {
public:
  virtual ~AgentActions() = default;
  virtual void provision(const Provisioning& p, const nlohmann::json& request) = 0;  // user + platform config
  virtual ScriptResult run_script(const std::string& script, int timeout_s) = 0;
  virtual int run_program(const char* path, const std::vector<std::string>& args) = 0;
  virtual void deliver_settings(const nlohmann::json& request) = 0;
  virtual nlohmann::json read_status(const std::string& name) = 0;
  virtual void remove_extension(const std::string& name) = 0;
};

/// What serve_line() decided: the reply line to send (with its newline) and whether the guest
/// powers off or reboots once that line is sent.
struct Served {
  enum class Power { none, shutdown, reboot };
  std::string reply_line;
  Power power = Power::none;
};

/// Handles one request line: {"id":N,"op":...} → {"id":N,"ok":true,...} or {"ok":false,"error":...}.
/// Never throws: a line that is not a JSON object, a field of the wrong type, an unknown op or a
/// failing action all become ok:false replies. The reply is always valid JSON text (bytes that are
/// not UTF-8 in an error message are replaced).
Served serve_line(std::string_view line, AgentActions& actions);

}  // namespace azemu::vm::agent
