// SQL for aad_refresh_tokens; see refresh_token_store.hpp.
#include "fake-aad/token/refresh_token_store.hpp"

namespace azemu::aad {

namespace {
void insert_row(store::Connection& c, const RefreshTokenRecord& r) {
  c.run("INSERT INTO aad_refresh_tokens (token_hash, tenant_id, user_object_id, client_id, issued, expires) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        r.token_hash, r.tenant_id, r.user_object_id, r.client_id, r.issued, r.expires);
}
}  // namespace

void RefreshTokenStore::insert(const RefreshTokenRecord& r) {
  db_.write([&](store::Connection& c) { insert_row(c, r); });
}

std::optional<RefreshTokenRecord> RefreshTokenStore::find(std::string_view token_hash) const {
  return db_.read([&](store::Connection& c) -> std::optional<RefreshTokenRecord> {
    auto s = c.query("SELECT token_hash, tenant_id, user_object_id, client_id, issued, expires "
                     "FROM aad_refresh_tokens WHERE token_hash = ?",
                     std::string(token_hash));
    if (!s.step()) return std::nullopt;
    return RefreshTokenRecord{s.text(0), s.text(1), s.text(2), s.text(3), s.int64(4), s.int64(5)};
  });
}

bool RefreshTokenStore::rotate(std::string_view old_hash, const RefreshTokenRecord& next) {
  return db_.write([&](store::Connection& c) {
    // Entra issues a new refresh token on every redemption but keeps the old one valid until it
    // expires; revoking it would break two az processes that refresh with the same cache at once.
    auto s = c.query("SELECT 1 FROM aad_refresh_tokens WHERE token_hash = ?", std::string(old_hash));
    if (!s.step()) return false;
    insert_row(c, next);
    return true;
  });
}

void RefreshTokenStore::purge_expired(std::int64_t now) {
  db_.write([&](store::Connection& c) { c.run("DELETE FROM aad_refresh_tokens WHERE expires < ?", now); });
}

}  // namespace azemu::aad
