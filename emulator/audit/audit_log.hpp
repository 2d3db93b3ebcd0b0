// The audit log: one row per audited call (Key Vault data plane and vault ARM operations), with
// the fields of Azure's Key Vault AuditEvent. Stored in SQLite (table azemu_audit, component
// "audit"), read by `azemu audit` and the admin endpoint. Writes are synchronous like every store.
#pragma once

#include "emulator/store/database.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <map>
#include <string>
#include <vector>

namespace azemu::audit {

/// Claim names inside AuditEvent.identity.claim, as Azure Monitor writes them.
inline constexpr const char* kClaimObjectId = "http://schemas.microsoft.com/identity/claims/objectidentifier";
inline constexpr const char* kClaimTenantId = "http://schemas.microsoft.com/identity/claims/tenantid";
inline constexpr const char* kClaimUpn = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";

/// Mirrors Azure Monitor's Key Vault AuditEvent (category "AuditEvent").
struct AuditEvent {
  std::string id;                  // unique id of the record
  std::string time;                // ISO 8601
  std::string resource_id;         // vault ARM id (upper-cased by Azure; kept as stored)
  std::string vault_name;          // lower case, for filtering
  std::string operation_name;      // "KeyWrap", "SecretSet", "VaultPut", ...
  std::string operation_version;   // api-version
  std::string result_type;         // "Success" | "Unauthorized" | "Forbidden" | "NotFound" | ...
  std::string result_signature;    // HTTP reason phrase ("OK", "Forbidden", ...)
  std::int64_t duration_ms = 0;
  std::string caller_ip_address;
  std::string correlation_id;      // request id
  nlohmann::json identity;         // {"claim": {oid, appid, upn, tid, ...}} or null
  std::string request_uri;
  int http_status_code = 0;
  std::optional<bool> is_access_policy_match;
  nlohmann::json properties;       // keyProperties / secretProperties / anything else
};

std::vector<store::Migration> migrations();

class AuditLog {
public:
  explicit AuditLog(store::Database& db) : db_(db) {}
  void record(const AuditEvent& e);
  /// Newest last; `vault` empty means every vault; `limit` 0 means no limit.
  std::vector<AuditEvent> list(const std::string& vault, std::size_t limit = 0) const;
  /// Rows per (operation_name, result_type), for /_azemu/metrics.
  std::map<std::pair<std::string, std::string>, std::uint64_t> counts() const;

private:
  store::Database& db_;
};

/// The AuditEvent JSON shape Azure Monitor exports.
nlohmann::json to_json(const AuditEvent& e);

}  // namespace azemu::audit
