// The ADE extension's settings as the guest agent delivers them (<seq>.settings: public settings
// from `az vm encryption enable`, protected settings with AADClientSecret; research/az-wire.md §4.8,
// research/ade.md §1.2), parsed into one struct, plus the extension's fatal prechecks with its
// exact messages. Does not read files: handler_context does.
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace azemu::vm::ade {

/// Values of EncryptionOperation the extension knows (Common.py).
namespace operation {
inline constexpr const char* kEnable = "EnableEncryption";
inline constexpr const char* kEnableFormat = "EnableEncryptionFormat";
inline constexpr const char* kEnableFormatAll = "EnableEncryptionFormatAll";
inline constexpr const char* kDisable = "DisableEncryption";
inline constexpr const char* kQueryStatus = "QueryEncryptionStatus";
}  // namespace operation

inline constexpr const char* kDefaultKekAlgorithm = "RSA-OAEP";

struct AdeSettings {
  // Public settings. JSON null and "" both arrive from az (research/ade.md §1.2): both mean "empty".
  std::string key_vault_url;
  std::string kek_url;
  std::string kek_algorithm;  // as sent; empty means the default RSA-OAEP
  std::string volume_type;    // as sent ("ALL", "Data", ...); compared case-insensitively
  std::string operation;
  std::string sequence_version;
  std::string aad_client_id;
  std::string aad_client_cert_thumbprint;
  std::string key_vault_resource_id;  // single pass (1.1)
  std::string kek_vault_resource_id;  // single pass (1.1)
  // Protected settings. Never logged.
  std::string aad_client_secret;
  std::string passphrase;  // optional caller-chosen LUKS passphrase

  /// KeyEncryptionAlgorithm, defaulted as the extension does.
  std::string effective_kek_algorithm() const { return kek_algorithm.empty() ? kDefaultKekAlgorithm : kek_algorithm; }
  bool is_enable() const;
};

/// From the handlerSettings object of a <seq>.settings file. Protected settings may be a JSON object
/// or a JSON string holding one (Azure delivers them encrypted; the azemu agent as plain JSON).
AdeSettings parse_settings(const nlohmann::json& handler_settings);

/// A fatal precheck failure; what() is the extension's message (status error, code 53).
struct PrecheckError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct PrecheckEnvironment {
  bool vfat_available = true;  // "modprobe vfat" succeeded
};

/// check_util.precheck_for_fatal_failures for dual pass (0.1): Key Vault URLs, KEK algorithm, volume
/// type, vfat, AADClientID. Skipped on purpose: LVM layout, memory and distro (azemu's guest is a
/// supported Ubuntu as far as ADE is concerned). Throws PrecheckError.
void precheck_dual_pass(const AdeSettings& s, const PrecheckEnvironment& env);

/// The single-pass (1.1) prechecks: the same URL and volume checks plus the Key Vault resource ids
/// (their vault names must match the URLs). Throws PrecheckError.
void precheck_single_pass(const AdeSettings& s, const PrecheckEnvironment& env);

/// "OS" | "Data" | "All" for a valid VolumeType (any case), empty otherwise.
std::string canonical_volume_type(const std::string& volume_type);

}  // namespace azemu::vm::ade
