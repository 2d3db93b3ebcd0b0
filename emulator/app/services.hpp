// The composition root: the only place that knows every service. Builds the store, identity,
// TLS, router and server for a data dir, and runs it until SIGTERM/SIGINT.
#pragma once

#include "emulator/app/config.hpp"
#include "fake-arm/providers/compute/disk_encryption/disk_encryption_report.hpp"

#include <string>

namespace azemu::app {

/// `azemu start`: serves until a signal; returns the process exit code.
int run_server(const Config& config);
/// `azemu routes`: the route table (tests/golden/routes.txt pins it).
std::string route_table(const Config& config);
/// `azemu audit [--vault NAME] [--json]`: the audit log of the data dir.
int print_audit(const Config& config, const std::string& vault, bool json);
/// `azemu vm disks NAME [-g GROUP] [--json]`: the VM's disks, their LUKS headers, keys and audit
/// records (text, or JSON with `json`). Throws AzureError when the VM is unknown or ambiguous.
int print_vm_disks(const Config& config, const arm::compute::VmDisksQuery& query, bool json);
/// `azemu approve CODE`: approves a device code in the data dir's store; returns the exit code.
/// `azemu snapshot ACTION [NAME]` on the data dir itself, when no server answers at --listen: no
/// guests are running, so none is stopped or booted (a later `azemu start` boots the running ones).
/// Prints what the control API would answer; throws AzureError / std::runtime_error.
int snapshot_offline(const Config& config, const std::string& action, const std::string& name);

/// `azemu seed FILE` on the data dir itself, when no server answers at --listen. Prints the summary
/// the control API would answer; throws AzureError.
int seed_offline(const Config& config, const std::string& seed_text);

int approve_device_code(const Config& config, const std::string& code, const std::string& user);

}  // namespace azemu::app
