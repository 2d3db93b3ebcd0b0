// Status file construction, field for field as HandlerUtil.do_status_report writes it.
#include "vm-sim/ade/status_report.hpp"

namespace azemu::vm::ade {

namespace {
/// Python's string.printable, as the extension filters messages.
std::string printable_only(const std::string& s) {
  std::string out;
  for (unsigned char c : s)
    if ((c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' || c == '\r' || c == '\x0b' || c == '\x0c')
      out.push_back(static_cast<char>(c));
  return out;
}
}  // namespace

std::string EncryptionState::to_message() const {
  return "{\"os\": " + nlohmann::json(os).dump() + ", \"data\": " + nlohmann::json(data).dump() + "}";
}

nlohmann::json build_status_file(const StatusReport& report, const EncryptionState& state, const std::string& timestamp_utc) {
  std::string code = std::to_string(report.code);
  std::string message = printable_only(report.message);
  std::string substatus_message = state.to_message();
  if (substatus_message.find("VMRestartPending") != std::string::npos)
    message = "OS disk successfully encrypted, please reboot the VM";
  nlohmann::json substatus = {{"name", kExtensionName},
                              {"operation", report.operation},
                              {"status", report.status},
                              {"code", code},
                              {"formattedMessage", {{"lang", "en-US"}, {"message", substatus_message}}}};
  // "version" is HandlerEnvironment.json's version (the agent writes 1.0), as HandlerUtil reports it.
  return nlohmann::json::array({{{"version", "1.0"},
                                 {"timestampUTC", timestamp_utc},
                                 {"status",
                                  {{"name", kExtensionName},
                                   {"operation", report.operation},
                                   {"status", report.status},
                                   {"code", code},
                                   {"formattedMessage", {{"lang", "en-US"}, {"message", message}}},
                                   {"substatus", nlohmann::json::array({substatus})}}}}});
}

}  // namespace azemu::vm::ade
