// See agent_requests.hpp.
#include "vm-sim/machine/agent_requests.hpp"

#include "emulator/json/strings.hpp"

#include <chrono>
#include <cstdint>
#include <ctime>
#include <stdexcept>
#include <fstream>
#include <iterator>

namespace azemu::vm {

using nlohmann::json;

json provision_request(const ports::VmSpec& s, const std::string& ca_file, int proxy_port) {
  json req = {{"op", "provision"},
              {"hostname", s.computer_name.empty() ? s.name : s.computer_name},
              {"user", s.admin_username},
              {"ssh_keys", s.ssh_public_keys}};
  if (!ca_file.empty()) {
    std::ifstream in(ca_file);
    std::string pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!pem.empty()) req["ca_pem"] = pem;
  }
  if (proxy_port > 0) req["http_proxy"] = {{"host", "10.0.2.2"}, {"port", proxy_port}};
  // Only the create call carries it (Azure never stores it); the agent keeps its hash in /etc/shadow.
  if (!s.admin_password.empty()) req["password"] = s.admin_password;
  return req;
}

json extension_settings_request(const ports::ExtensionDelivery& ext) {
  return {{"op", "ext_settings"},
          {"name", ext.name},
          {"publisher", ext.publisher},
          {"type", ext.type},
          {"version", ext.type_handler_version},
          {"seq", ext.sequence_number},
          {"settings", ext.settings},
          {"protected_settings", ext.protected_settings}};
}

namespace {
// Replies and status files are written inside the guest: each member is read with its type
// checked, a mistyped one counts as absent (fuzz_control_channel).
const json* member(const json& obj, const char* name, json::value_t type) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(name);
  return it != obj.end() && it->type() == type ? &*it : nullptr;
}
std::string string_member(const json& obj, const char* name, const std::string& absent) {
  const json* v = member(obj, name, json::value_t::string);
  return v ? v->get<std::string>() : absent;
}
int int_member(const json& obj, const char* name, int absent) {
  auto it = obj.is_object() ? obj.find(name) : obj.end();
  if (it == obj.end() || !it->is_number_integer()) return absent;
  const auto v = it->get<std::int64_t>();
  return v >= INT32_MIN && v <= INT32_MAX ? static_cast<int>(v) : absent;
}
std::string base64_member(const json& obj, const char* name) {
  try {
    return text::base64_decode(string_member(obj, name, ""));
  } catch (const std::exception&) {
    throw std::runtime_error(std::string("the guest agent's '") + name + "' is not base64");
  }
}
}  // namespace

ports::ExtensionReport parse_extension_report(const json& reply) {
  // Status file shape: [{"version","timestampUTC","status":{...}}].
  ports::ExtensionReport r;
  r.sequence_number = int_member(reply, "seq", 0);
  const json* file = member(reply, "status", json::value_t::array);
  const json st = file && !file->empty() && (*file)[0].is_object() ? (*file)[0].value("status", json::object()) : json::object();
  r.status = string_member(st, "status", "transitioning");
  const json* code = st.is_object() ? (st.contains("code") ? &st["code"] : nullptr) : nullptr;
  r.code = !code ? "0" : code->is_string() ? code->get<std::string>() : code->dump(-1, ' ', false, json::error_handler_t::replace);
  const json* formatted = member(st, "formattedMessage", json::value_t::object);
  r.message = formatted ? string_member(*formatted, "message", "") : "";
  const json* substatus = member(st, "substatus", json::value_t::array);
  r.substatus = substatus ? *substatus : json::array();
  r.reported_at = std::time(nullptr);
  return r;
}

ports::RunCommandResult run_shell_script(ControlChannel& channel, const std::string& script) {
  constexpr int kTimeout = 5400;  // Azure's run-command limit: 90 minutes
  json reply = channel.request({{"op", "run"}, {"script_b64", text::base64_encode(script)}, {"timeout_s", kTimeout}},
                               std::chrono::steady_clock::now() + std::chrono::seconds(kTimeout + 30));
  ports::RunCommandResult r;
  r.exit_code = int_member(reply, "exit_code", -1);
  r.stdout_text = base64_member(reply, "stdout_b64");
  r.stderr_text = base64_member(reply, "stderr_b64");
  return r;
}

std::string run_guest_script(ControlChannel& channel, const std::string& script, const std::string& failure,
                             const Timeouts& timeouts) {
  json reply = channel.request({{"op", "run"},
                                {"script_b64", text::base64_encode(script)},
                                {"timeout_s", timeouts.guest_script_run.count()}},
                               std::chrono::steady_clock::now() + timeouts.guest_script_answer);
  if (int_member(reply, "exit_code", -1) != 0) throw std::runtime_error(failure + " (guest: " + base64_member(reply, "stderr_b64") + ")");
  return base64_member(reply, "stdout_b64");
}

}  // namespace azemu::vm
