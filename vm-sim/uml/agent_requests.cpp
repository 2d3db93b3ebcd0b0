// See agent_requests.hpp.
#include "vm-sim/uml/agent_requests.hpp"

#include "emulator/json/strings.hpp"

#include <chrono>
#include <ctime>
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

ports::ExtensionReport parse_extension_report(const json& reply) {
  // Status file shape: [{"version","timestampUTC","status":{...}}].
  ports::ExtensionReport r;
  r.sequence_number = reply.value("seq", 0);
  json file = reply.value("status", json::array());
  json st = file.is_array() && !file.empty() ? file[0].value("status", json::object()) : json::object();
  r.status = st.value("status", std::string("transitioning"));
  r.code = st.contains("code") ? (st["code"].is_string() ? st["code"].get<std::string>() : st["code"].dump()) : "0";
  r.message = st.value("formattedMessage", json::object()).value("message", std::string());
  r.substatus = st.value("substatus", json::array());
  r.reported_at = std::time(nullptr);
  return r;
}

ports::RunCommandResult run_shell_script(ControlChannel& channel, const std::string& script) {
  constexpr int kTimeout = 5400;  // Azure's run-command limit: 90 minutes
  json reply = channel.request({{"op", "run"}, {"script_b64", text::base64_encode(script)}, {"timeout_s", kTimeout}},
                               std::chrono::steady_clock::now() + std::chrono::seconds(kTimeout + 30));
  ports::RunCommandResult r;
  r.exit_code = reply.value("exit_code", -1);
  r.stdout_text = text::base64_decode(reply.value("stdout_b64", std::string()));
  r.stderr_text = text::base64_decode(reply.value("stderr_b64", std::string()));
  return r;
}

}  // namespace azemu::vm
