// The disk encryption report: a read-only, teaching view of one VM's disks that puts side by side
// what is usually spread over three places — Compute's model (which BEK secret and KEK each disk's
// encryption settings name; dual pass in the VM's osDisk.encryptionSettings, single pass in each
// disk's encryptionSettingsCollection, see ade_model.hpp), the disk image itself (its LUKS header,
// through ports::DiskImages, since only vm-sim/disk reads headers) and the Key Vault audit log
// (every call that touched the secret or the KEK). Served by `azemu vm disks NAME` and
// GET /_azemu/vms/{name}/disks (emulator/app). It never changes anything and never reads a key.
#pragma once

#include "emulator/audit/audit_log.hpp"
#include "emulator/ports/disk_images.hpp"
#include "emulator/ports/vm_runtime.hpp"
#include "emulator/store/database.hpp"
#include "fake-arm/providers/compute/disk_encryption/key_vault_audit_match.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace azemu::arm::compute {

/// Which VM: `name` (any case) is required; an empty group or subscription matches any.
struct VmDisksQuery {
  std::string name;
  std::string resource_group;
  std::string subscription_id;
};

/// One audit record that touched a disk's BEK secret or KEK.
struct KeyAuditEntry {
  std::string time;
  std::string operation;  // "SecretSet", "SecretGet", "KeyWrap", "KeyUnwrap", ...
  KeyTouch touches = KeyTouch::none;
  std::string object;     // the object id (or request URI) the record names
  std::string caller_upn;
  std::string caller_app_id;
  std::string caller_object_id;
  bool by_platform = false;  // the Azure platform's own call (ports::kPlatformAppId): boots, single pass
  std::string result_type;   // "Success", "Forbidden", ...
  int http_status_code = 0;
};

/// Where a disk's encryption settings were found (research/ade.md §1.3 vs §1.4).
enum class SettingsSource {
  none,
  vm_model,  // dual pass (ADE 0.1): storageProfile.osDisk.encryptionSettings, one secret for all volumes
  disk,      // single pass (ADE 1.1): the disk's encryptionSettingsCollection, one secret per disk
};

struct DiskEncryptionFacts {
  std::string name;
  std::optional<int> lun;  // nullopt: the OS disk
  std::string disk_id;     // ARM id of the Microsoft.Compute/disks resource
  std::int64_t size_gb = 0;
  std::optional<std::string> image_path;           // nullopt: the runtime keeps no file (guestless)
  std::optional<ports::DiskImageFacts> image;      // nullopt: no file to look at
  SettingsSource settings_source = SettingsSource::none;
  std::optional<VaultObjectRef> bek;  // the secret holding the (wrapped) passphrase
  std::optional<VaultObjectRef> kek;  // the key that wrapped it; nullopt: the secret is not wrapped
  std::vector<KeyAuditEntry> audit;   // oldest first
};

struct VmDiskEncryptionReport {
  std::string vm_resource_id;
  std::string name;
  std::string resource_group;
  std::string subscription_id;
  std::string vm_id;  // properties.vmId
  std::vector<DiskEncryptionFacts> disks;  // OS disk first, then data disks by LUN
};

/// Wire form (camelCase; the JSON of `azemu vm disks --json` and the admin endpoint).
nlohmann::json to_json(const VmDiskEncryptionReport& report);
const char* to_string(KeyTouch touch);           // "bek" | "kek" | ""
const char* to_string(SettingsSource source);    // "vm" | "disk" | ""

class DiskEncryptionReporter {
public:
  DiskEncryptionReporter(store::Database& db, const ports::VmRuntime& runtime, const ports::DiskImages& images,
                         const audit::AuditLog& audit)
      : db_(db), runtime_(runtime), images_(images), audit_(audit) {}

  /// The report of the one VM `query` names. Blocks (SQLite, file reads): never on an io thread.
  /// Throws AzureError ResourceNotFound (no such VM) or AzemuAmbiguousVmName (the name alone
  /// matches VMs in several groups or subscriptions).
  VmDiskEncryptionReport report(const VmDisksQuery& query) const;

private:
  store::Database& db_;
  const ports::VmRuntime& runtime_;
  const ports::DiskImages& images_;
  const audit::AuditLog& audit_;
};

}  // namespace azemu::arm::compute
