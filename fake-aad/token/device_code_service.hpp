// The device authorization grant (RFC 8628) as Entra runs it:
//
//   start() ──> pending ──approve()──> approved ──redeem()──> (row deleted; tokens issued)
//                  │                      │
//                  └──── now >= expires ──┴──> expired (polls answer expired_token, AADSTS70020)
//
// Transitions: start() inserts a pending code (expires_in 900 s, interval 1 s); approve() is called
// by `azemu approve CODE` and the local /devicelogin page; redeem() is the token endpoint's
// device_code grant, answering authorization_pending (AADSTS70016) until approval.
#pragma once

#include "fake-aad/directory/directory_store.hpp"
#include "fake-aad/token/device_code_store.hpp"
#include "fake-aad/token/tenant_segment.hpp"

#include "emulator/exec/clock.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace azemu::aad {

inline constexpr std::int64_t kDeviceCodeLifetime = 900;
/// One second: azemu approves instantly, so clients need not wait Entra's usual five.
inline constexpr std::int64_t kDeviceCodePollInterval = 1;

struct DeviceCodeRequest {
  std::string client_id;
  std::string scope;     // v2 scope, or v1 resource already turned into "<resource>/.default"
  std::string base_url;  // where the verification page lives (the host the client used)
};

struct DeviceAuthorization {
  std::string device_code;
  std::string user_code;
  std::string verification_uri;
  std::string message;
  std::int64_t expires_in = kDeviceCodeLifetime;
  std::int64_t interval = kDeviceCodePollInterval;
};

struct ApprovedDevice {
  User user;
  std::string scope;  // as stored by start()
};

class DeviceCodeService {
public:
  DeviceCodeService(DirectoryStore& directory, DeviceCodeStore& codes, const exec::Clock& clock)
      : directory_(directory), codes_(codes), clock_(clock) {}

  /// Issues a pending code for an allowed user-flow client.
  /// Throws errors::missing_parameter, application_not_found (AADSTS700016).
  DeviceAuthorization start(const TenantSegment& tenant, const DeviceCodeRequest& req);

  /// Approves a pending, unexpired code for `upn` (empty: the tenant's default user, the seeded
  /// admin). User codes compare ignoring case, spaces and dashes. False when the code or user is
  /// unknown, the code expired or was already approved.
  bool approve(std::string_view user_code, std::string_view upn);

  enum class PasswordApproval { approved, bad_credentials, code_not_pending };
  /// The local /devicelogin page: checks the user's password, then approve()s.
  PasswordApproval approve_with_password(std::string_view user_code, std::string_view upn, std::string_view password);

  /// Redeems an approved code for `client_id`.
  /// Throws errors::authorization_pending (70016), device_code_expired (70020),
  /// device_code_invalid (70000), missing_parameter (900144).
  ApprovedDevice redeem(const TenantSegment& tenant, std::string_view device_code, std::string_view client_id);

private:
  DirectoryStore& directory_;
  DeviceCodeStore& codes_;
  const exec::Clock& clock_;
};

/// "abcd-efgh i" -> "ABCDEFGHI": the canonical stored form of a user code.
std::string normalize_user_code(std::string_view code);

}  // namespace azemu::aad
