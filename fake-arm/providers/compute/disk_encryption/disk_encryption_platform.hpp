// The Azure platform's part of Azure Disk Encryption (research/ade.md §1.3 "Between the passes",
// §1.4 step 4), done with ports::PlatformKeyVault as the compute fabric:
//   - before every boot of an encrypted VM (and when the CLI writes dual-pass encryption settings)
//     it reads each BEK secret and unwraps it with the KEK, giving the BEK volume's key files;
//   - for single-pass ADE (1.1) it makes the VM's passphrase, wraps it with the KEK, writes one
//     secret per disk with ADE's content type and tags, and returns the encryptionSettingsCollection
//     to stamp on each disk. Decision: in Azure the 1.1 extension generates the passphrase and
//     posts it to the wire server, which writes the secrets; azemu's platform generates it itself
//     before delivering the extension (the secrets, tags, stamps and audit rows are the same, the
//     extension finds the BEK volume already filled). One passphrase per VM: a later enable (a new
//     data disk) reuses the one an already stamped disk's secret holds.
// Blocking (Key Vault work in-process): call from exec::Jobs.
#pragma once

#include "emulator/ports/platform_key_vault.hpp"
#include "emulator/ports/vm_runtime.hpp"
#include "fake-arm/providers/compute/disk_encryption/ade_model.hpp"

#include <map>
#include <string>
#include <vector>

namespace azemu::arm::compute::ade {

struct BekFetch {
  ports::BekVolume volume;  // the key files that could be fetched
  std::string problem;      // why some could not ("" when all could)
};

struct StampTarget {
  std::string disk_id;  // ARM id as the VM model has it
  int lun = -1;         // -1: the OS disk
};

struct SinglePassKeys {
  std::map<std::string, nlohmann::json> collections;  // disk id (lower case) -> encryptionSettingsCollection
  ports::BekVolume volume;                             // every key file the VM's volumes need
};

class DiskEncryptionPlatform {
public:
  explicit DiskEncryptionPlatform(ports::PlatformKeyVault& kv) : kv_(kv) {}

  /// SecretGet + KeyUnwrap (when a KEK is set) for every key, as the platform.
  BekFetch fetch_bek(const std::vector<VolumeKey>& keys) const;

  /// Single-pass enable for the disks in `targets` that `existing` does not already cover.
  /// Throws ports::PlatformVaultError (Key Vault refused) or std::invalid_argument (settings).
  SinglePassKeys enable_single_pass(const AdeRequest& request, const std::string& machine_name,
                                    const std::vector<StampTarget>& targets, const std::vector<VolumeKey>& existing) const;

private:
  std::string passphrase_of(const VolumeKey& key) const;
  ports::PlatformKeyVault& kv_;
};

/// ADE's passphrase: 127 random bytes, base64 (172 ASCII characters ending in '=').
std::string generate_passphrase();

}  // namespace azemu::arm::compute::ade
