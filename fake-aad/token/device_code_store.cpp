// SQL for aad_device_codes; see device_code_store.hpp.
#include "fake-aad/token/device_code_store.hpp"

namespace azemu::aad {

namespace {
constexpr const char* kCols =
    "SELECT device_code_hash, user_code, tenant_id, client_id, scope, approved_user_object_id, issued, expires "
    "FROM aad_device_codes ";

DeviceCodeRecord from_row(const store::Statement& s) {
  return DeviceCodeRecord{s.text(0),     s.text(1),     s.opt_text(2), s.text(3),
                          s.text(4),     s.opt_text(5), s.int64(6),    s.int64(7)};
}
}  // namespace

bool DeviceCodeStore::insert(const DeviceCodeRecord& r) {
  return db_.write([&](store::Connection& c) {
    return c.run("INSERT OR IGNORE INTO aad_device_codes (device_code_hash, user_code, tenant_id, client_id, scope, "
                 "approved_user_object_id, issued, expires) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 r.device_code_hash, r.user_code, r.tenant_id, r.client_id, r.scope, r.approved_user_object_id,
                 r.issued, r.expires) > 0;
  });
}

std::optional<DeviceCodeRecord> DeviceCodeStore::find(std::string_view hash) const {
  return db_.read([&](store::Connection& c) -> std::optional<DeviceCodeRecord> {
    auto s = c.query(std::string(kCols) + "WHERE device_code_hash = ?", std::string(hash));
    if (!s.step()) return std::nullopt;
    return from_row(s);
  });
}

std::optional<DeviceCodeRecord> DeviceCodeStore::find_by_user_code(std::string_view user_code) const {
  return db_.read([&](store::Connection& c) -> std::optional<DeviceCodeRecord> {
    auto s = c.query(std::string(kCols) + "WHERE user_code = ?", std::string(user_code));
    if (!s.step()) return std::nullopt;
    return from_row(s);
  });
}

bool DeviceCodeStore::approve(std::string_view user_code, std::string_view user_object_id, std::int64_t now) {
  return db_.write([&](store::Connection& c) {
    return c.run("UPDATE aad_device_codes SET approved_user_object_id = ? "
                 "WHERE user_code = ? AND approved_user_object_id IS NULL AND expires > ?",
                 std::string(user_object_id), std::string(user_code), now) > 0;
  });
}

bool DeviceCodeStore::redeem(std::string_view hash) {
  return db_.write([&](store::Connection& c) {
    return c.run("DELETE FROM aad_device_codes WHERE device_code_hash = ? AND approved_user_object_id IS NOT NULL",
                 std::string(hash)) > 0;
  });
}

void DeviceCodeStore::purge_expired(std::int64_t now) {
  db_.write([&](store::Connection& c) { c.run("DELETE FROM aad_device_codes WHERE expires < ?", now - 86'400); });
}

}  // namespace azemu::aad
