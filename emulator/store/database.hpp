// The SQLite store: one database file per data dir, WAL mode, foreign keys on, synchronous=FULL so
// an acknowledged write survives kill -9 and power loss. One connection per thread (opened
// lazily); writes go through write(), which wraps BEGIN IMMEDIATE ... COMMIT. Only this folder
// includes sqlite3.h. Stores above it see Connection/Statement and never raw handles.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace azemu::store {

/// A value bound to or read from a statement.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

class Statement {
public:
  /// `in_use` non-null: the statement is borrowed from the connection's cache and is reset (not
  /// finalized) on destruction, clearing the flag.
  Statement(sqlite3* db, sqlite3_stmt* stmt, bool* in_use = nullptr) : db_(db), stmt_(stmt), in_use_(in_use) {}
  Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_), in_use_(o.in_use_) {
    o.stmt_ = nullptr;
    o.in_use_ = nullptr;
  }
  Statement(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::nullptr_t);
  Statement& bind(int index, std::int64_t v);
  Statement& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
  Statement& bind(int index, bool v) { return bind(index, static_cast<std::int64_t>(v)); }
  Statement& bind(int index, double v);
  Statement& bind(int index, std::string_view v);
  Statement& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
  Statement& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
  Statement& bind(int index, const std::optional<std::string>& v) {
    return v ? bind(index, std::string_view(*v)) : bind(index, nullptr);
  }

  /// Advances; true while a row is available.
  bool step();
  bool is_null(int col) const;
  std::int64_t int64(int col) const;
  double real(int col) const;
  std::string text(int col) const;
  std::optional<std::string> opt_text(int col) const;

private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool* in_use_;
};

class Connection {
public:
  /// `durable`: synchronous=FULL (every commit fsyncs the WAL); false: NORMAL (survives a process
  /// crash, may lose the last commits on power loss) for high-volume, append-only records.
  explicit Connection(const std::string& path, bool durable = true);
  ~Connection();
  Connection(const Connection&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);

  /// Prepare + bind all arguments in order.
  template <class... Args>
  Statement query(std::string_view sql, const Args&... args) {
    Statement s = prepare(sql);
    int i = 1;
    (s.bind(i++, args), ...);
    return s;
  }
  /// Runs a statement that returns no rows; returns the number of changed rows.
  template <class... Args>
  int run(std::string_view sql, const Args&... args) {
    Statement s = query(sql, args...);
    s.step();
    return changes();
  }
  int changes() const;
  /// Inside BEGIN ... COMMIT (sees its own uncommitted writes).
  bool in_transaction() const;

  /// Runs `fn` once the write transaction now open on this connection commits (never if it rolls
  /// back); outside a transaction, at once. For signals another thread acts on by reading the
  /// database: it must find the committed state, not the state before. `fn` must not throw.
  void after_commit(std::function<void()> fn);
  /// Database::transact's side: the hooks of the transaction that just committed, or dropped.
  std::vector<std::function<void()>> take_commit_hooks() { return std::exchange(commit_hooks_, {}); }

private:
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  sqlite3* db_ = nullptr;
  // Prepared statements by SQL text: parsing dominated ARM GETs before this cache (perf, bench/run.sh).
  // Stable addresses (unique_ptr) because a borrowed Statement points at its entry's flag.
  std::unordered_map<std::string, std::unique_ptr<Cached>> cache_;
  std::vector<std::function<void()>> commit_hooks_;
};

/// A numbered schema step of one component ("arm", "aad", ...). Append-only: never edit a
/// migration that has shipped; add the next number.
struct Migration {
  std::string component;
  int version;
  std::string sql;
};

class Database {
public:
  /// Opens (creating) `path` and applies pending migrations in (component, version) order.
  Database(std::string path, const std::vector<Migration>& migrations);
  ~Database();

  /// This thread's connection.
  Connection& conn();

  /// Runs `fn(conn)` inside BEGIN IMMEDIATE; commits when fn returns, rolls back on exception.
  /// Advances generation() after the transaction ends, either way.
  template <class Fn>
  auto write(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
    struct Advance {
      Database& db;
      ~Advance() { db.note_change(); }
    } advance{*this};
    return transact(conn(), std::forward<Fn>(fn));
  }

  /// Advances with every write() and restore: a value read after generation() returned G is still what
  /// the database holds while generation() returns G (store::GenerationCache). The audit log's relaxed
  /// writes do not advance it: no cached value is read from the audit table.
  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  /// This thread's connection is inside a transaction: what it reads may be uncommitted.
  bool in_transaction_here() const;
  /// For writers that bypass write() (restore_database's own connection): call after they commit.
  void note_change() { generation_.fetch_add(1, std::memory_order_acq_rel); }

  /// Like write(), on this thread's second connection with synchronous=NORMAL: for the audit log,
  /// whose per-call inserts would otherwise cost one fsync each (bench/run.sh, Key Vault section).
  template <class Fn>
  auto write_relaxed(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
    return transact(relaxed_conn(), std::forward<Fn>(fn));
  }
  Connection& relaxed_conn();

  /// fn runs on this thread's connection without a transaction: each statement sees the latest
  /// committed state (WAL), so a multi-statement read that needs one snapshot must use write().
  template <class Fn>
  auto read(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
    return fn(conn());
  }

  const std::string& path() const { return path_; }

private:
  /// One write transaction on `c`: BEGIN IMMEDIATE, fn, COMMIT; ROLLBACK and rethrow on exception.
  template <class Fn>
  static auto transact(Connection& c, Fn&& fn) -> decltype(fn(c)) {
    c.exec("BEGIN IMMEDIATE");
    try {
      if constexpr (std::is_void_v<decltype(fn(c))>) {
        fn(c);
        c.exec("COMMIT");
        run_hooks(c.take_commit_hooks());
      } else {
        auto result = fn(c);
        c.exec("COMMIT");
        run_hooks(c.take_commit_hooks());
        return result;
      }
    } catch (...) {
      c.take_commit_hooks();
      try { c.exec("ROLLBACK"); } catch (...) { /* the original error matters more */ }
      throw;
    }
  }
  static void run_hooks(std::vector<std::function<void()>> hooks) {
    for (auto& h : hooks) h();
  }

  std::string path_;
  std::uint64_t id_;
  std::atomic<std::uint64_t> generation_{0};
};

}  // namespace azemu::store
