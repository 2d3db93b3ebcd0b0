// The requests every VM runtime sends the guest agent (vm-sim/agent/agent_protocol.hpp) and the
// replies it reads back, for GuestRuntime and the hypervisors: provisioning, extension settings,
// the handler's status file, RunShellScript, the runtime's own shell chores. No I/O except through
// the given channel.
#pragma once

#include "emulator/ports/vm_runtime.hpp"
#include "vm-sim/machine/control_channel.hpp"
#include "vm-sim/machine/timeouts.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace azemu::vm {

/// The provision request of every boot: the user (and, at create, the admin password), plus what
/// extension handlers need to reach azemu: its CA (`ca_file`, read again at each boot so a renewed
/// CA reaches the guest) and the relayed proxy address 10.0.2.2:`proxy_port` (0: none).
nlohmann::json provision_request(const ports::VmSpec& s, const std::string& ca_file, int proxy_port);

/// "ext_settings": one extension's settings for a sequence number.
nlohmann::json extension_settings_request(const ports::ExtensionDelivery& ext);

/// The handler's status file as the agent relays it ({"seq", "status": [...]}, research/ade.md §1.5).
ports::ExtensionReport parse_extension_report(const nlohmann::json& reply);

/// RunShellScript through the agent, with Azure's 90-minute run-command limit.
ports::RunCommandResult run_shell_script(ControlChannel& channel, const std::string& script);

/// A short root script for the runtime's own chores (disk names after a hot-plug, BEK unmounts),
/// bounded by `timeouts.guest_script_*`. Returns its stdout; throws std::runtime_error
/// "<failure> (guest: <stderr>)" when it exits non-zero, or when the agent does not answer.
std::string run_guest_script(ControlChannel& channel, const std::string& script, const std::string& failure,
                             const Timeouts& timeouts);

}  // namespace azemu::vm
