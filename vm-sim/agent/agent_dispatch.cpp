// Request dispatch for the guest agent; see agent_dispatch.hpp. Field types are checked here, once,
// so a host bug (or a fuzzer) gets {"ok":false} rather than a crashed agent that init respawns.
#include "vm-sim/agent/agent_dispatch.hpp"

#include "emulator/json/strings.hpp"

#include <ctime>
#include <stdexcept>

namespace azemu::vm::agent {

namespace {
using nlohmann::json;

std::string string_field(const json& req, const char* name, bool required = false) {
  auto it = req.find(name);
  if (it == req.end() || it->is_null()) {
    if (required) throw std::invalid_argument(std::string("missing '") + name + "'");
    return {};
  }
  if (!it->is_string()) throw std::invalid_argument(std::string("'") + name + "' must be a string");
  return it->get<std::string>();
}

std::vector<std::string> string_list(const json& req, const char* name) {
  std::vector<std::string> out;
  auto it = req.find(name);
  if (it == req.end() || it->is_null()) return out;
  if (!it->is_array()) throw std::invalid_argument(std::string("'") + name + "' must be an array of strings");
  for (const json& e : *it) {
    if (!e.is_string()) throw std::invalid_argument(std::string("'") + name + "' must be an array of strings");
    out.push_back(e.get<std::string>());
  }
  return out;
}

int int_field(const json& req, const char* name, int fallback) {
  auto it = req.find(name);
  if (it == req.end() || it->is_null()) return fallback;
  if (!it->is_number_integer() || it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > 1'000'000)
    throw std::invalid_argument(std::string("'") + name + "' must be a non-negative integer");
  return it->get<int>();
}

json handle(const json& req, AgentActions& actions, Served::Power& power) {
  const std::string op = string_field(req, "op");
  json reply = {{"ok", true}};
  if (op == "ping") {
    reply["t"] = static_cast<long long>(std::time(nullptr));
  } else if (op == "provision") {
    actions.provision({string_field(req, "hostname"), string_field(req, "user"), string_list(req, "ssh_keys"),
                       string_field(req, "password")},
                      req);
  } else if (op == "run") {
    auto r = actions.run_script(text::base64_decode(string_field(req, "script_b64", true)), int_field(req, "timeout_s", 5400));
    reply["exit_code"] = r.exit_code;
    reply["stdout_b64"] = text::base64_encode(r.out);
    reply["stderr_b64"] = text::base64_encode(r.err);
  } else if (op == "disks") {
    std::vector<std::string> args;
    auto luns = req.find("luns");
    if (luns != req.end() && !luns->is_null()) {
      if (!luns->is_object()) throw std::invalid_argument("'luns' must be an object");
      for (auto it = luns->begin(); it != luns->end(); ++it) {
        if (!it->is_number_integer()) throw std::invalid_argument("'luns' values must be integers");
        args.push_back(it.key() + "=" + it->dump());
      }
    }
    if (int rc = actions.run_program("/usr/lib/azemu/azdisks.sh", args); rc != 0)
      throw std::runtime_error("azdisks.sh failed with " + std::to_string(rc));
  } else if (op == "ext_settings") {
    actions.deliver_settings(req);
  } else if (op == "ext_status") {
    reply.update(actions.read_status(string_field(req, "name", true)));
  } else if (op == "ext_remove") {
    actions.remove_extension(string_field(req, "name", true));
  } else if (op == "shutdown" || op == "reboot") {
    // Answered before acting: the host then waits for the process to exit (or a new "ready").
    power = op == "shutdown" ? Served::Power::shutdown : Served::Power::reboot;
  } else {
    throw std::invalid_argument("unknown op '" + op + "'");
  }
  return reply;
}
}  // namespace

Served serve_line(std::string_view line, AgentActions& actions) {
  Served out;
  json req = json::parse(line, nullptr, false);
  json reply;
  if (!req.is_object()) {
    reply = {{"ok", false}, {"error", "not a JSON object"}};
  } else {
    try {
      reply = handle(req, actions, out.power);
    } catch (const std::exception& e) {
      reply = {{"ok", false}, {"error", e.what()}};
      out.power = Served::Power::none;
    }
    // The host matches replies by id; echo it as sent (any JSON value), 0 when absent.
    auto id = req.find("id");
    reply["id"] = id == req.end() ? json(0) : *id;
  }
  // replace: an error message may quote request bytes (or a handler's output) that are not UTF-8.
  out.reply_line = reply.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  return out;
}

}  // namespace azemu::vm::agent
