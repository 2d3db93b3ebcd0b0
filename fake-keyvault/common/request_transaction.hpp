// One SQLite transaction per data-plane request. run_audited (audited_route.hpp) opens it around a call whose
// Operation writes (and the platform's SecretSet); the versioned store's writes join it instead of committing on
// their own, so a purge (sweep, lookup, delete) or a restore commits once, all or nothing. Outside a request (a
// test calling a store directly) each write is its own transaction, as before. Per thread: a request runs on one
// thread, on that thread's connection.
#pragma once

#include "emulator/store/database.hpp"

#include <utility>

namespace azemu::kv {

namespace detail {
inline thread_local bool in_request_transaction = false;
}  // namespace detail

/// Runs `fn()` inside one write transaction that the store's writes below join.
template <class Fn>
auto request_transaction(store::Database& db, Fn&& fn) -> decltype(fn()) {
  if (detail::in_request_transaction) return fn();
  return db.write([&](store::Connection&) {
    struct Flag {
      Flag() { detail::in_request_transaction = true; }
      ~Flag() { detail::in_request_transaction = false; }
    } flag;
    return fn();
  });
}

/// A store write: joins the request's transaction when there is one, else commits on its own.
template <class Fn>
auto store_write(store::Database& db, Fn&& fn) -> decltype(fn(std::declval<store::Connection&>())) {
  if (detail::in_request_transaction) return fn(db.conn());
  return db.write(std::forward<Fn>(fn));
}

}  // namespace azemu::kv
