// SQL for aad_device_codes. A row is one device authorization: looked up by the SHA-256 of its
// device_code (client polling) or by its user_code (approval). Approval and redemption are single
// conditional statements, so two racing requests cannot both succeed.
#pragma once

#include "emulator/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace azemu::aad {

struct DeviceCodeRecord {
  std::string device_code_hash;
  std::string user_code;
  std::optional<std::string> tenant_id;  // empty: organizations/common
  std::string client_id;
  std::string scope;
  std::optional<std::string> approved_user_object_id;
  std::int64_t issued = 0;
  std::int64_t expires = 0;
};

class DeviceCodeStore {
public:
  explicit DeviceCodeStore(store::Database& db) : db_(db) {}

  /// False when the user code is already taken (the caller draws another).
  bool insert(const DeviceCodeRecord& r);
  std::optional<DeviceCodeRecord> find(std::string_view device_code_hash) const;
  std::optional<DeviceCodeRecord> find_by_user_code(std::string_view user_code) const;
  /// Marks a pending, unexpired code approved by `user_object_id`; false otherwise.
  bool approve(std::string_view user_code, std::string_view user_object_id, std::int64_t now);
  /// Deletes an approved code (one redemption only); false when someone else redeemed it.
  bool redeem(std::string_view device_code_hash);
  /// Drops codes that expired more than a day ago (expired ones still answer expired_token for a while).
  void purge_expired(std::int64_t now);

private:
  store::Database& db_;
};

}  // namespace azemu::aad
