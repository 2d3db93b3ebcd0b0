// The host <-> guest agent protocol: one JSON object per line over a UML serial line (/dev/ttyS1
// in the guest, a socketpair end on the host; research/uml-guest.md §3, ~0.1 ms round trip).
// Shared by the agent (vm-sim/agent/) and the host side (vm-sim/machine/control_channel).
//
// Guest -> host, unsolicited:
//   {"event":"ready","version":"2.2.53-azemu","boot_id":"<uuid>"}   once the tty is open and raw;
//                                                                    the host sends nothing before it
//   {"event":"heartbeat","t":<unix seconds>}                          every kHeartbeatSeconds while idle
// Host -> guest requests carry an "id"; the answer echoes it with "ok":true|false (+ "error"):
//   {"id":1,"op":"ping"}                                    -> {"id":1,"ok":true,"t":<unix seconds>}
//   {"id":2,"op":"provision","hostname":"vm1","user":"azureuser","ssh_keys":["ssh-ed25519 ..."]}
//        creates the admin user (home, authorized_keys, group sudo); idempotent, run on every boot;
//        optional "password":"<plain>" (osProfile.adminPassword) becomes the user's SHA-512 shadow hash;
//        optional "ca_pem":"<PEM>" and "http_proxy":{"host":"10.0.2.2","port":443} are written to
//        /etc/azemu/ca.pem and /etc/waagent.conf for extension handlers (agent_platform_config.hpp)
//   {"id":3,"op":"run","script_b64":"...","timeout_s":600}
//        -> {"id":3,"ok":true,"exit_code":0,"stdout_b64":"...","stderr_b64":"..."}   (/bin/sh, root)
//   {"id":4,"op":"disks","luns":{"ubdd":2}}                 re-runs the Azure disk naming after a hot-plug
//   {"id":5,"op":"ext_settings","name":"AzureDiskEncryptionForLinux","publisher":"Microsoft.Azure.Security",
//        "type":"AzureDiskEncryptionForLinux","version":"1.1","seq":0,"settings":{...},"protected_settings":{...}}
//        writes /var/lib/waagent/<publisher>.<type>-<version>/config/<seq>.settings as Azure's agent does
//        ({"runtimeSettings":[{"handlerSettings":{"publicSettings":..,"protectedSettings":..}}]};
//        protectedSettings stay a plain JSON object here: there is no tenant certificate to encrypt
//        them to) and starts the handler's enableCommand from HandlerManifest.json when one is installed
//   {"id":6,"op":"ext_status","name":"..."}  -> {"id":6,"ok":true,"seq":0,"status":[...status file...]}
//        ("seq":null while the handler has written no status file for the latest sequence number)
//   {"id":7,"op":"ext_remove","name":"..."}
//   {"id":8,"op":"shutdown"} / {"id":9,"op":"reboot"}      answered first, then sync() + reboot(2)
#pragma once

#include <cstddef>

namespace azemu::vm::agent {

inline constexpr const char* kAgentVersion = "2.2.53-azemu";
inline constexpr int kHeartbeatSeconds = 15;
/// Output of one run-command kept per stream (Azure's RunShellScript returns far less).
inline constexpr std::size_t kMaxOutputBytes = 4 * 1024 * 1024;
/// Where extension handlers live, as on an Azure Linux VM.
inline constexpr const char* kWaagentDir = "/var/lib/waagent";

}  // namespace azemu::vm::agent
