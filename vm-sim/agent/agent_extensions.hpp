// Extension handlers in the guest, laid out as Azure's Linux agent lays them out (research/ade.md
// §1.5): /var/lib/waagent/<Publisher>.<Type>-<version>/{config/<seq>.settings,status/<seq>.status,
// HandlerEnvironment.json}. The agent writes settings and starts the handler; the handler writes
// its status file; the host reads it back through ext_status.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace azemu::vm::agent {

/// Stores the settings for `seq` and, when the handler is installed (HandlerManifest.json with an
/// enableCommand), starts `enable` detached with ConfigSequenceNumber=<seq> in its environment.
/// When the image has no package for the handler (any version with the same major, as
/// autoUpgradeMinorVersion allows), writes an error status for `seq` at once (code 1001,
/// "Failed to download extension: the handler <Publisher>.<Type> <version> is not available in this
/// guest image ...").
void deliver_settings(const nlohmann::json& request);

/// At boot, runs `enable` again for every delivered extension with its latest sequence number, as
/// Azure's agent does on start; handlers treat a repeated sequence number as "report again" (that
/// is how the ADE status catches up with the OS-encryption reboot). Once per boot.
void resume_extensions_at_boot();

/// {"seq":N,"status":<status file>} for the latest delivered sequence number, "seq":null when the
/// handler has not written that status file yet. Throws when the extension was never delivered.
nlohmann::json read_status(const std::string& name);

void remove_extension(const std::string& name);

}  // namespace azemu::vm::agent
