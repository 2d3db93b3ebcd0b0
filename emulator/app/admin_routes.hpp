// Admin endpoints on the bare local host (https://localhost:<port>/_azemu/...), for people and
// tools that inspect a running azemu: the audit log. Not reachable through Azure host names.
//   GET /_azemu/audit[?vault=NAME][&top=N]  → {"value": [AuditEvent...]}
#pragma once

#include "emulator/audit/audit_log.hpp"
#include "emulator/http/router.hpp"

namespace azemu::app {

void mount_admin(http::Router& router, audit::AuditLog& audit);

/// `azemu audit`: text lines (or JSON with `json`) of the audit log in the data dir's store.
std::string format_audit(const std::vector<audit::AuditEvent>& events, bool json);

}  // namespace azemu::app
