// Audit records for vault management calls: one AuditEvent per call (success or failure) with
// Azure's operation names (VaultGet, VaultPut, VaultPatch, VaultDelete, VaultList, VaultRecover,
// VaultPurge, VaultGetDeleted, VaultListDeleted). The row itself is built by emulator/audit's
// key_vault_event, as the data plane's are. Does not decide anything about the call.
#pragma once

#include "emulator/audit/audit_log.hpp"
#include "emulator/exec/clock.hpp"
#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"

#include <functional>
#include <string>

namespace azemu::arm {

class VaultAudit {
public:
  VaultAudit(audit::AuditLog& log, const exec::Clock& clock) : log_(log), clock_(clock) {}

  /// Runs `call` and records its outcome under `operation` for `vault_name` ("" for lists) and
  /// `resource_id`. A thrown AzureError is recorded with its status, then rethrown unchanged for
  /// the pipeline to render.
  http::Reply record(const http::Request& req, const char* operation, const std::string& vault_name,
                     const std::string& resource_id, const std::function<http::Reply()>& call) const;

private:
  audit::AuditLog& log_;
  const exec::Clock& clock_;
};

}  // namespace azemu::arm
