// SQLite access: pragmas, per-thread connections, statements, migrations. See database.hpp.
#include "emulator/store/database.hpp"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <stdexcept>

namespace azemu::store {

namespace {
[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw std::runtime_error(std::string("sqlite: ") + std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "?"));
}

std::atomic<std::uint64_t> g_next_db_id{1};
constexpr std::uint64_t kRelaxedBit = 1ull << 63;  // second per-thread connection of a Database
// Connections are per thread and per Database instance (tests open several databases).
thread_local std::map<std::uint64_t, std::unique_ptr<Connection>> t_connections;
// A Database destroyed during static destruction (a test stack in a static) may outlive this
// thread's map: the flag, trivially destructible, says whether the map may still be touched.
thread_local bool t_connections_alive = true;
struct ConnectionsAliveGuard {
  ~ConnectionsAliveGuard() { t_connections_alive = false; }
};
// Touched right after t_connections in conn()/relaxed_conn(): constructed after the map, so
// destroyed before it, which clears the flag while the map still exists.
thread_local ConnectionsAliveGuard t_connections_guard;
}  // namespace

Statement::~Statement() {
  if (!stmt_) return;
  if (in_use_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *in_use_ = false;
  } else {
    sqlite3_finalize(stmt_);
  }
}

Statement& Statement::bind(int i, std::nullptr_t) {
  if (sqlite3_bind_null(stmt_, i) != SQLITE_OK) fail(db_, "bind");
  return *this;
}
Statement& Statement::bind(int i, std::int64_t v) {
  if (sqlite3_bind_int64(stmt_, i, v) != SQLITE_OK) fail(db_, "bind");
  return *this;
}
Statement& Statement::bind(int i, double v) {
  if (sqlite3_bind_double(stmt_, i, v) != SQLITE_OK) fail(db_, "bind");
  return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
  if (sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    fail(db_, "bind");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, "step");
}

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
std::int64_t Statement::int64(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::real(int col) const { return sqlite3_column_double(stmt_, col); }
std::string Statement::text(int col) const {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}
std::optional<std::string> Statement::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

namespace {
// Global SQLite settings, applied once before the first connection: no global memory statistics
// (they take a process-wide mutex on every allocation), multi-thread mode (one connection per thread).
void configure_sqlite_once() {
  static const bool done = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    return true;
  }();
  (void)done;
}
}  // namespace

Connection::Connection(const std::string& path, bool durable) {
  configure_sqlite_once();
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK)
    fail(db_, "open " + path);
  sqlite3_busy_timeout(db_, 5000);
  exec("PRAGMA journal_mode=WAL");
  exec(durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
  // The relaxed (audit) connection commits one small transaction per Key Vault call: checkpointing every
  // 1,000 WAL pages cost a third of each commit (perf, bench/run.sh). Every 8,000 pages (32 MB) its rows'
  // hot pages are copied far fewer times; the durable connections keep SQLite's default.
  if (!durable) exec("PRAGMA wal_autocheckpoint=8000");
  exec("PRAGMA foreign_keys=ON");
}

Connection::~Connection() {
  for (auto& [sql, c] : cache_) sqlite3_finalize(c->stmt);
  if (db_) sqlite3_close_v2(db_);
}

void Connection::exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "?";
    sqlite3_free(err);
    throw std::runtime_error("sqlite: exec: " + msg);
  }
}

Statement Connection::prepare(std::string_view sql) {
  auto& slot = cache_[std::string(sql)];
  if (!slot) slot = std::make_unique<Cached>();
  if (!slot->in_use) {
    if (!slot->stmt && sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                          &slot->stmt, nullptr) != SQLITE_OK)
      fail(db_, "prepare");
    slot->in_use = true;
    return Statement(db_, slot->stmt, &slot->in_use);
  }
  // The same SQL is already being stepped further up the stack: use a one-off statement.
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
    fail(db_, "prepare");
  return Statement(db_, stmt);
}

int Connection::changes() const { return sqlite3_changes(db_); }
bool Connection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

void Connection::after_commit(std::function<void()> fn) {
  // Autocommit mode means no transaction is open: the caller's write is already durable.
  if (sqlite3_get_autocommit(db_)) fn();
  else commit_hooks_.push_back(std::move(fn));
}

namespace {
// The database holds sealed secrets and hashes, and the -wal/-shm files inherit its mode (SQLite
// copies the main file's permissions), so the file is made owner-only before SQLite creates it,
// and older data dirs are tightened on open.
void restrict_to_owner(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);
  for (const char* suffix : {"", "-wal", "-shm"}) ::chmod((path + suffix).c_str(), 0600);
}
}  // namespace

Database::Database(std::string path, const std::vector<Migration>& migrations)
    : path_(std::move(path)), id_(g_next_db_id++) {
  if (path_ != ":memory:" && !path_.empty()) restrict_to_owner(path_);
  auto sorted = migrations;
  std::sort(sorted.begin(), sorted.end(), [](const Migration& a, const Migration& b) {
    return a.component != b.component ? a.component < b.component : a.version < b.version;
  });
  write([&](Connection& c) {
    c.exec(
        "CREATE TABLE IF NOT EXISTS azemu_migrations (component TEXT NOT NULL, version INTEGER NOT NULL, "
        "applied_at INTEGER NOT NULL DEFAULT (unixepoch()), PRIMARY KEY (component, version)) STRICT");
    for (const auto& m : sorted) {
      auto s = c.query("SELECT 1 FROM azemu_migrations WHERE component = ? AND version = ?", m.component,
                       m.version);
      if (s.step()) continue;
      c.exec(m.sql);
      c.run("INSERT INTO azemu_migrations (component, version) VALUES (?, ?)", m.component, m.version);
    }
  });
}

Database::~Database() {
  // Only this thread's connections can be closed here; pool threads drop theirs when they exit.
  if (!t_connections_alive) return;
  t_connections.erase(id_);
  t_connections.erase(id_ | kRelaxedBit);
}

Connection& Database::relaxed_conn() {
  auto& slot = t_connections[id_ | kRelaxedBit];
  (void)&t_connections_guard;  // after the map: constructed later, so destroyed before it
  if (!slot) slot = std::make_unique<Connection>(path_, false);
  return *slot;
}

bool Database::in_transaction_here() const {
  if (!t_connections_alive) return false;
  auto it = t_connections.find(id_);
  return it != t_connections.end() && it->second && it->second->in_transaction();
}

Connection& Database::conn() {
  auto& slot = t_connections[id_];
  (void)&t_connections_guard;
  if (!slot) slot = std::make_unique<Connection>(path_);
  return *slot;
}

}  // namespace azemu::store
