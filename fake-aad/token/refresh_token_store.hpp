// SQL for aad_refresh_tokens. Tokens are looked up by their SHA-256 (the token itself is never
// stored). Rotation deletes the used token and inserts its successor in one transaction.
#pragma once

#include "emulator/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace azemu::aad {

struct RefreshTokenRecord {
  std::string token_hash;
  std::string tenant_id;
  std::string user_object_id;
  std::string client_id;
  std::int64_t issued = 0;
  std::int64_t expires = 0;
};

class RefreshTokenStore {
public:
  explicit RefreshTokenStore(store::Database& db) : db_(db) {}

  void insert(const RefreshTokenRecord& r);
  std::optional<RefreshTokenRecord> find(std::string_view token_hash) const;
  /// Adds `next` as the successor of `old_hash`, which stays valid until it expires (as in Entra).
  /// False (and nothing inserted) when `old_hash` is unknown or expired and purged.
  bool rotate(std::string_view old_hash, const RefreshTokenRecord& next);
  /// Drops tokens that expired before `now` (called on issuance to keep the table small).
  void purge_expired(std::int64_t now);

private:
  store::Database& db_;
};

}  // namespace azemu::aad
