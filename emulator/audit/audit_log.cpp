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

namespace {
void insert(store::Connection& c, const AuditEvent& e) {
  auto s = c.prepare(
      "INSERT INTO azemu_audit (id, time, resource_id, vault_name, operation_name, operation_version, "
      "result_type, result_signature, duration_ms, caller_ip_address, correlation_id, identity, request_uri, "
      "http_status_code, is_access_policy_match, properties) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, e.id).bind(2, e.time).bind(3, e.resource_id).bind(4, e.vault_name);
  s.bind(5, e.operation_name).bind(6, e.operation_version).bind(7, e.result_type);
  s.bind(8, e.result_signature).bind(9, e.duration_ms).bind(10, e.caller_ip_address);
  s.bind(11, e.correlation_id).bind(12, e.identity.dump()).bind(13, e.request_uri);
  s.bind(14, e.http_status_code);
  if (e.is_access_policy_match) s.bind(15, *e.is_access_policy_match);
  else s.bind(15, nullptr);
  s.bind(16, e.properties.dump());
  s.step();
}
}  // namespace

std::shared_ptr<exec::Completion> AuditLog::record_async(AuditEvent e) {
  auto done = std::make_shared<exec::Completion>([this] { drain(); });
  std::function<void(std::function<void()>)> post;
  bool inline_commit = false;
  {
    std::lock_guard lock(mu_);
    queue_.push_back({std::move(e), done});
    // The running writer takes this row before it stops; else one writer job is enough.
    if (!schedule_) inline_commit = true;
    else if (!writing_ && !writer_posted_) {
      writer_posted_ = true;
      post = schedule_;
    }
  }
  if (post) {
    post([this] {
      {
        std::lock_guard lock(mu_);
        writer_posted_ = false;
      }
      drain();
    });
  } else if (inline_commit) {
    drain();  // no pool (tests, one-shot commands): commit here
  }
  // (A blocked waiter that finds the job still queued commits through Completion's help: drain().)
  return done;
}

void AuditLog::record(const AuditEvent& e) { record_async(e)->wait(); }

void AuditLog::drain() {
  std::unique_lock lock(mu_);
  if (writing_) return;  // the running writer loops until the queue is empty
  writing_ = true;
  while (!queue_.empty()) {
    std::vector<Pending> batch;
    batch.swap(queue_);
    lock.unlock();
    std::exception_ptr error;
    try {
      db_.write_relaxed([&](store::Connection& c) {
        for (const Pending& p : batch) insert(c, p.event);
      });
    } catch (...) {
      error = std::current_exception();
    }
    for (Pending& p : batch) p.done->complete(error);
    lock.lock();
  }
  writing_ = false;
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
