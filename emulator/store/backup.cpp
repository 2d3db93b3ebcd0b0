// See backup.hpp.
#include "emulator/store/backup.hpp"

#include <sqlite3.h>

#include <chrono>
#include <stdexcept>
#include <sys/stat.h>
#include <thread>

namespace azemu::store {

namespace {
struct Handle {
  sqlite3* db = nullptr;
  ~Handle() { sqlite3_close_v2(db); }
};

Handle open_file(const std::string& path, bool create) {
  Handle h;
  // `create` also opens the live database (its own connection: WAL, so reading it beside the
  // server's connections sees one committed state, and writing it is one more writer).
  // immutable=1 for reading: no -wal/-shm files and no locks are made inside a snapshot folder.
  std::string uri = create ? path : "file:" + path + "?immutable=1";
  int flags = create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
  if (sqlite3_open_v2(uri.c_str(), &h.db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
    throw std::runtime_error("cannot open " + path + ": " + (h.db ? sqlite3_errmsg(h.db) : "out of memory"));
  return h;
}

// All pages in one step: the source is read in one transaction (a consistent state) and the
// destination written in one. BUSY/LOCKED (another connection mid-commit) is retried for 10 s.
void copy_all(sqlite3* to, sqlite3* from, const std::string& what) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) throw std::runtime_error(what + ": " + sqlite3_errmsg(to));
  int rc = SQLITE_OK;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    if (std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  int finished = sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) throw std::runtime_error(what + ": " + sqlite3_errstr(rc));
  if (finished != SQLITE_OK) throw std::runtime_error(what + ": " + sqlite3_errmsg(to));
}
}  // namespace

void backup_database(Database& db, const std::string& to) {
  Handle out = open_file(to, true);
  Handle live = open_file(db.path(), true);
  copy_all(out.db, live.db, "cannot back up the database to " + to);
  // The copy carries the live file's WAL mark; a snapshot is one file read in place later.
  if (sqlite3_exec(out.db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr) != SQLITE_OK)
    throw std::runtime_error("cannot finish " + to + ": " + sqlite3_errmsg(out.db));
  ::chmod(to.c_str(), 0600);  // like azemu.db: sealed key material and password hashes
}

void restore_database(Database& db, const std::string& from) {
  Handle in = open_file(from, false);
  Handle live = open_file(db.path(), true);
  sqlite3_busy_timeout(live.db, 5000);
  copy_all(live.db, in.db, "cannot restore the database from " + from);
  db.note_change();  // every cached read of the old cloud is stale now
}

std::vector<std::string> applied_migrations(const std::string& path) {
  Handle h = open_file(path, false);
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(h.db, "SELECT component || ':' || version FROM azemu_migrations ORDER BY 1", -1, &s, nullptr) != SQLITE_OK)
    throw std::runtime_error(path + " is not an azemu database: " + sqlite3_errmsg(h.db));
  std::vector<std::string> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
  sqlite3_finalize(s);
  if (rc != SQLITE_DONE) throw std::runtime_error("cannot read " + path + ": " + sqlite3_errstr(rc));
  return out;
}

}  // namespace azemu::store
