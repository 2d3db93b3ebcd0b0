// The status file the extension writes (HandlerUtil.do_status_report, research/ade.md §1.5): one
// status with operation/status/code/message and one substatus whose message is the encryption
// state JSON {"os": ..., "data": ...}. The guest agent hands it to the host, which turns it into
// the extension's instance view.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace azemu::vm::ade {

inline constexpr const char* kExtensionName = "Microsoft.Azure.Security.AzureDiskEncryptionForLinux";

namespace status {
inline constexpr const char* kSuccess = "success";
inline constexpr const char* kError = "error";
inline constexpr const char* kTransitioning = "transitioning";
}  // namespace status

/// Exit/status codes of the extension (Common.py CommonVariables).
namespace code {
inline constexpr int kSuccess = 0;
inline constexpr int kCreateSecretFailed = 13;
inline constexpr int kAlreadyEnabled = 14;
inline constexpr int kPassphraseFileNotFound = 15;
inline constexpr int kEncryptionFailed = 19;
inline constexpr int kMissingDependency = 52;
inline constexpr int kConfigurationError = 53;
inline constexpr int kUnknownError = 100;
}  // namespace code

/// The two values of the substatus message.
struct EncryptionState {
  std::string os = "NotEncrypted";
  std::string data = "NotEncrypted";
  /// Exactly what Python's json.dumps prints: {"os": "X", "data": "Y"}.
  std::string to_message() const;
};

struct StatusReport {
  std::string operation;
  std::string status;  // status::k*
  int code = 0;
  std::string message;
};

/// The whole status file (a one-element array). Non-printable characters are dropped from the
/// message; a VMRestartPending state replaces it with "OS disk successfully encrypted, please reboot the VM".
nlohmann::json build_status_file(const StatusReport& report, const EncryptionState& state, const std::string& timestamp_utc);

}  // namespace azemu::vm::ade
