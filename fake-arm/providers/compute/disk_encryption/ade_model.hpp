// What Compute reads from a VM's model and its extensions about Azure Disk Encryption: which
// volumes are encrypted with which Key Vault references (dual pass: the VM's
// osDisk.encryptionSettings, one secret for the VM; single pass: each managed disk's
// encryptionSettingsCollection, one secret per disk — research/ade.md §1.3, §1.4), and the
// settings of an ADE extension. Pure functions over JSON; no I/O.
#pragma once

#include "fake-arm/providers/compute/virtual_machines/vm_model.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace azemu::arm::compute::ade {

inline constexpr const char* kPublisher = "Microsoft.Azure.Security";
inline constexpr const char* kLinuxType = "AzureDiskEncryptionForLinux";
/// The key file names on the BEK volume (ade.md §1.4 SecretTags).
inline constexpr const char* kPassphraseFile = "LinuxPassPhraseFileName";
std::string data_disk_passphrase_file(int lun);  // "LinuxPassPhraseFileName_0_<lun>"

/// One key file of the BEK volume and where the platform gets it from.
struct VolumeKey {
  std::string file_name;
  std::string secret_url;
  std::string kek_url;  // empty: the secret holds base64(passphrase), not a wrapped key
};

/// Managed disk id (lower case) -> its encryptionSettingsCollection (only disks that have one).
using DiskCollections = std::map<std::string, nlohmann::json>;

/// The keys a VM's volumes need at boot; empty when nothing is encrypted. Dual pass wins when the
/// model has enabled osDisk.encryptionSettings (no migration between the two, ade.md §1.7).
std::vector<VolumeKey> volume_keys(const VirtualMachine& vm, const DiskCollections& disks);

/// The dual-pass reference from the model (secretUrl + keyUrl), for change detection; "" when none.
std::string dual_pass_reference(const VirtualMachine& vm);

bool is_ade_extension(const std::string& publisher, const std::string& type);

/// The public settings of an ADE extension that the platform acts on.
struct AdeRequest {
  std::string operation;     // EnableEncryption | EnableEncryptionFormatAll | DisableEncryption | ...
  std::string volume_type;   // as given (OS/Data/All, any case)
  std::string key_vault_url;
  std::string key_vault_id;
  std::string kek_url;
  std::string kek_vault_id;
  std::string algorithm = "RSA-OAEP";
  bool single_pass = false;  // handler 1.x without AADClientID
  bool is_enable() const;
};
AdeRequest parse_ade_request(const std::string& handler_version, const nlohmann::json& settings);

}  // namespace azemu::arm::compute::ade
