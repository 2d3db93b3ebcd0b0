// See audit_log.hpp.
#include "emulator/audit/audit_log.hpp"

namespace azemu::audit {

std::vector<store::Migration> migrations() {
  return {{"audit", 1, R"sql(
CREATE TABLE azemu_audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  time TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  vault_name TEXT NOT NULL,
  operation_name TEXT NOT NULL,
  operation_version TEXT NOT NULL,
  result_type TEXT NOT NULL,
  result_signature TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  caller_ip_address TEXT NOT NULL,
  correlation_id TEXT NOT NULL,
  identity TEXT NOT NULL,
  request_uri TEXT NOT NULL,
  http_status_code INTEGER NOT NULL,
  is_access_policy_match INTEGER,
  properties TEXT NOT NULL
) STRICT;
CREATE INDEX azemu_audit_vault ON azemu_audit (vault_name, seq);
)sql"}};
}

void AuditLog::record(const AuditEvent& e) {
  db_.write_relaxed([&](store::Connection& c) {
    auto s = c.prepare(
        "INSERT INTO azemu_audit (id, time, resource_id, vault_name, operation_name, operation_version, "
        "result_type, result_signature, duration_ms, caller_ip_address, correlation_id, identity, request_uri, "
        "http_status_code, is_access_policy_match, properties) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    int i = 1;
    s.bind(i++, e.id).bind(i++, e.time).bind(i++, e.resource_id).bind(i++, e.vault_name)
        .bind(i++, e.operation_name).bind(i++, e.operation_version).bind(i++, e.result_type)
        .bind(i++, e.result_signature).bind(i++, e.duration_ms).bind(i++, e.caller_ip_address)
        .bind(i++, e.correlation_id).bind(i++, e.identity.dump()).bind(i++, e.request_uri)
        .bind(i++, e.http_status_code);
    if (e.is_access_policy_match) s.bind(i++, *e.is_access_policy_match);
    else s.bind(i++, nullptr);
    s.bind(i++, e.properties.dump());
    s.step();
  });
}

std::map<std::pair<std::string, std::string>, std::uint64_t> AuditLog::counts() const {
  return db_.read([&](store::Connection& c) {
    std::map<std::pair<std::string, std::string>, std::uint64_t> out;
    auto s = c.query("SELECT operation_name, result_type, count(*) FROM azemu_audit GROUP BY 1, 2");
    while (s.step()) out[{s.text(0), s.text(1)}] = static_cast<std::uint64_t>(s.int64(2));
    return out;
  });
}

std::vector<AuditEvent> AuditLog::list(const std::string& vault, std::size_t limit) const {
  return db_.read([&](store::Connection& c) {
    std::string sql =
        "SELECT id, time, resource_id, vault_name, operation_name, operation_version, result_type, result_signature, "
        "duration_ms, caller_ip_address, correlation_id, identity, request_uri, http_status_code, "
        "is_access_policy_match, properties FROM azemu_audit WHERE (? = '' OR vault_name = lower(?)) ORDER BY seq";
    std::vector<AuditEvent> out;
    auto s = c.query(sql, vault, vault);
    while (s.step()) {
      AuditEvent e;
      e.id = s.text(0); e.time = s.text(1); e.resource_id = s.text(2); e.vault_name = s.text(3);
      e.operation_name = s.text(4); e.operation_version = s.text(5); e.result_type = s.text(6);
      e.result_signature = s.text(7); e.duration_ms = s.int64(8); e.caller_ip_address = s.text(9);
      e.correlation_id = s.text(10); e.identity = nlohmann::json::parse(s.text(11)); e.request_uri = s.text(12);
      e.http_status_code = static_cast<int>(s.int64(13));
      if (!s.is_null(14)) e.is_access_policy_match = s.int64(14) != 0;
      e.properties = nlohmann::json::parse(s.text(15));
      out.push_back(std::move(e));
    }
    if (limit && out.size() > limit) out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(limit));
    return out;
  });
}

nlohmann::json to_json(const AuditEvent& e) {
  nlohmann::json j = {{"id", e.id},
                      {"time", e.time},
                      {"category", "AuditEvent"},
                      {"resourceId", e.resource_id},
                      {"operationName", e.operation_name},
                      {"operationVersion", e.operation_version},
                      {"resultType", e.result_type},
                      {"resultSignature", e.result_signature},
                      {"durationMs", e.duration_ms},
                      {"callerIpAddress", e.caller_ip_address},
                      {"correlationId", e.correlation_id},
                      {"identity", e.identity},
                      {"properties", e.properties},
                      {"requestUri", e.request_uri},
                      {"httpStatusCode", e.http_status_code}};
  if (e.is_access_policy_match) j["properties"]["isAccessPolicyMatch"] = *e.is_access_policy_match;
  return j;
}

}  // namespace azemu::audit
