// Admin endpoints on the bare local host (https://localhost:<port>/_azemu/...), for people and
// tools that inspect a running azemu: the audit log, a VM's disks and their encryption. Not
// reachable through Azure host names.
//   GET /_azemu/audit[?vault=NAME][&top=N]  → {"value": [AuditEvent...]}
//   GET /_azemu/vms/{name}/disks[?resourceGroup=RG][&subscription=ID]  → the disk encryption report
//       (disk_encryption_report.hpp; the JSON of `azemu vm disks NAME --json`)
#pragma once

#include "emulator/audit/audit_log.hpp"
#include "emulator/http/router.hpp"
#include "fake-arm/providers/compute/disk_encryption/disk_encryption_report.hpp"

namespace azemu::app {

void mount_admin(http::Router& router, audit::AuditLog& audit, const arm::compute::DiskEncryptionReporter& disks);

/// `azemu audit`: text lines (or JSON with `json`) of the audit log in the data dir's store.
std::string format_audit(const std::vector<audit::AuditEvent>& events, bool json);

}  // namespace azemu::app
