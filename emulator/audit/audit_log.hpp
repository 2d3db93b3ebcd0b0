// The audit log: one row per audited call (Key Vault data plane and vault ARM operations), with
// the fields of Azure's Key Vault AuditEvent. Stored in SQLite (table azemu_audit, component
// "audit"), read by `azemu audit` and the admin endpoint. Writes are synchronous like every store
// (a 2xx is sent only once its row is committed), grouped into one transaction under load.
#pragma once

#include "emulator/exec/completion.hpp"
#include "emulator/store/database.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
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
  /// Commits the row; returns once it is committed (throws the commit's error).
  void record(const AuditEvent& e);
  /// Queues the row for the group writer and returns at once; the completion is done when the row is
  /// committed. The HTTP server sends a reply carrying it (Reply::durable_after) only then, so a 2xx still
  /// means the row survives a crash, while many requests' rows share one transaction. Its wait() commits
  /// the queue on the waiting thread when no writer runs (no deadlock on a busy pool).
  std::shared_ptr<exec::Completion> record_async(AuditEvent e);
  /// How the writer runs when record_async() finds none running: posted to the blocking pool by the server
  /// (run_server); unset, record_async() commits on the caller's thread.
  void set_scheduler(std::function<void(std::function<void()>)> schedule) {
    std::lock_guard lock(mu_);
    schedule_ = std::move(schedule);
  }
  /// Newest last; `vault` empty means every vault; `limit` 0 means no limit.
  std::vector<AuditEvent> list(const std::string& vault, std::size_t limit = 0) const;
  /// Rows per (operation_name, result_type), for /_azemu/metrics.
  std::map<std::pair<std::string, std::string>, std::uint64_t> counts() const;

private:
  struct Pending {
    AuditEvent event;
    std::shared_ptr<exec::Completion> done;
  };
  /// Commits queued rows, a batch per transaction, until the queue is empty; returns at once when another
  /// thread is doing it.
  void drain();

  store::Database& db_;
  std::function<void(std::function<void()>)> schedule_;
  std::mutex mu_;
  std::vector<Pending> queue_;
  bool writing_ = false;
  bool writer_posted_ = false;
};

/// The AuditEvent JSON shape Azure Monitor exports.
nlohmann::json to_json(const AuditEvent& e);

}  // namespace azemu::audit
