// Values read from the database, kept until the next write: a hot read (the vault a Key Vault call names,
// the key version it uses, the tenant a token names) costs a map lookup instead of SQLite statements and a
// JSON parse (bench/run.sh, Key Vault section: these reads were a fifth of an unwrapKey's server time).
// Every entry carries the Database::generation() read *before* the database was read, so a write that
// commits in between makes it stale, never wrong; any write() anywhere empties every cache, which keeps
// invalidation trivially correct at the price of re-reading after unrelated writes (rare next to reads on
// the hot paths). Bounded: the cache empties when it reaches `max_entries`.
#pragma once

#include "emulator/store/database.hpp"

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace azemu::store {

template <class Value>
class GenerationCache {
public:
  explicit GenerationCache(const Database& db, std::size_t max_entries = 4096) : db_(db), max_(max_entries) {}

  /// The cached value of `key`, or the one `load()` reads (then cached). `load` returns
  /// std::optional<Value>; an empty result is not cached, and may throw (nothing is cached).
  template <class Load>
  std::optional<Value> get(const std::string& key, Load&& load) {
    // Inside a transaction this thread may see its own uncommitted writes: never share those.
    if (db_.in_transaction_here()) return load();
    std::uint64_t gen = db_.generation();
    {
      std::lock_guard lock(mu_);
      if (gen != gen_) {
        entries_.clear();
        gen_ = gen;
      } else if (auto it = entries_.find(key); it != entries_.end()) {
        return it->second;
      }
    }
    std::optional<Value> v = load();
    if (!v) return v;
    std::lock_guard lock(mu_);
    if (gen_ != gen || db_.generation() != gen) return v;  // a write came while we read: keep nothing older
    if (entries_.size() >= max_) entries_.clear();
    entries_.insert_or_assign(key, *v);
    return v;
  }

private:
  const Database& db_;
  std::size_t max_;
  std::mutex mu_;
  std::uint64_t gen_ = 0;
  std::unordered_map<std::string, Value> entries_;
};

}  // namespace azemu::store
