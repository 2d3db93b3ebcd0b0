// Port: what Microsoft.Compute (fake-arm) asks of the machine a VM runs on. fake-arm owns the VM
// model (ARM resource, instance view, extensions' settings as ARM stores them); a VmRuntime owns
// the guest: its disk files, its process, its agent. Implementations:
//   - fake-arm/providers/compute/runtime/guestless_runtime: no guest at all, every call succeeds
//     at once (a VM is a record). Used until vm-sim is the default, and by unit tests.
//   - vm-sim (issue 6): a real user-mode Linux (or QEMU) guest per VM.
// Wired in emulator/app/services.cpp. Every method may block (seconds, for a boot): Compute calls
// them from exec::Jobs, never on a request thread — except the two reads status() and
// extension_status(), which Compute calls while serving GETs (instance views) and which must
// therefore answer at once from what the runtime last observed. Errors are thrown as
// std::runtime_error with a message fit for an instance-view status (Compute turns them into
// Azure errors). Compute calls methods for one VM one at a time (it refuses a second lifecycle
// operation while one runs); calls for different VMs may overlap.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace azemu::ports {

/// One managed disk as the guest sees it.
struct VmDisk {
  std::string disk_id;    // ARM id of the Microsoft.Compute/disks resource
  std::string name;       // "myVM_OsDisk_1_<hex>", "myVM_disk2_<hex>", "d2"
  int lun = -1;           // -1 for the OS disk, else the data disk LUN (0..63)
  std::int64_t size_gb = 0;
  bool from_image = false;  // OS disk: content comes from the image; data disk: createOption Empty
};

struct VmSpec {
  std::string vm_id;          // the VM's GUID (properties.vmId): the runtime's key
  std::string resource_id;    // ARM id, for logs and console naming
  std::string name;           // "myVM"
  std::string computer_name;  // osProfile.computerName
  std::string admin_username;
  std::vector<std::string> ssh_public_keys;  // "ssh-rsa AAAA... user@host"
  std::string admin_password;                // empty with SSH-only auth; never logged
  std::string image;          // "OpenLogic:CentOS:7.2n:7.2.20160629" (publisher:offer:sku:version)
  std::string size;           // "Standard_DS1_v2"
  int cpus = 1;
  int memory_mb = 512;
  VmDisk os_disk;
  std::vector<VmDisk> data_disks;
};

enum class GuestPower { starting, running, stopping, stopped, deallocated };

struct GuestStatus {
  GuestPower power = GuestPower::deallocated;
  bool agent_ready = false;          // the guest agent reported in since the last boot
  std::string agent_version;         // e.g. "2.2.53-azemu"
  std::string agent_message;         // "Guest Agent is running" / why not
  std::int64_t last_heartbeat = 0;   // unix seconds, 0 = never
  std::optional<int> ssh_port;       // loopback port forwarded to the guest's sshd, when running
};

/// Extension settings delivered to the guest, as Azure's agent receives them.
struct ExtensionDelivery {
  std::string name;                  // "AzureDiskEncryptionForLinux"
  std::string publisher;             // "Microsoft.Azure.Security"
  std::string type;                  // "AzureDiskEncryptionForLinux"
  std::string type_handler_version;  // "0.1"
  int sequence_number = 0;           // increments on every settings change
  nlohmann::json settings = nlohmann::json::object();
  nlohmann::json protected_settings = nlohmann::json::object();  // never logged
};

/// What the extension handler last wrote to its status file (research/ade.md §1.5), parsed.
struct ExtensionReport {
  int sequence_number = 0;
  std::string status;       // "transitioning" | "success" | "error" | "warning"
  std::string code;         // handler code, "0" on success
  std::string message;      // formattedMessage.message
  nlohmann::json substatus = nlohmann::json::array();  // [{name,status,code,formattedMessage:{message}}]
  std::int64_t reported_at = 0;
};

/// Azure's "BEK VOLUME": a small vfat disk the platform attaches to a VM with Azure Disk Encryption,
/// holding the unwrapped passphrase(s) (research/ade.md §1.3, §1.4). The guest mounts it at
/// /mnt/azure_bek_disk; its initramfs and crypttab read the key files from it at every boot.
struct BekVolume {
  /// file name -> content: "LinuxPassPhraseFileName" (and, single-pass, "LinuxPassPhraseFileName_0_<lun>").
  /// Empty: the volume is attached without key files (the platform could not get the secret), so
  /// the guest's unlock fails visibly, as in Azure.
  std::map<std::string, std::string> files;
};

struct RunCommandResult {
  int exit_code = 0;
  std::string stdout_text;
  std::string stderr_text;
};

class VmRuntime {
public:
  virtual ~VmRuntime() = default;

  /// "guestless", "uml", "qemu": shown in the VM agent status so nobody mistakes one for another.
  virtual std::string kind() const = 0;

  /// Creates the disk files and boots the guest; returns when the agent is ready (or throws).
  virtual void create(const VmSpec& spec) = 0;
  /// Boots a stopped/deallocated VM (the spec may have changed: size, disks).
  virtual void start(const VmSpec& spec) = 0;
  /// Clean shutdown (PowerState/stopped); the guest's resources stay allocated.
  virtual void stop(const std::string& vm_id) = 0;
  /// Shutdown and release (PowerState/deallocated); disks stay.
  virtual void deallocate(const std::string& vm_id) = 0;
  /// A real reboot of a running guest.
  virtual void restart(const std::string& vm_id) = 0;
  /// Stops the guest and deletes its OS disk unless `keep_os_disk`, and the data disks listed.
  virtual void remove(const std::string& vm_id, bool keep_os_disk, const std::vector<std::string>& delete_data_disk_ids) = 0;

  virtual void attach_disk(const std::string& vm_id, const VmDisk& disk) = 0;
  virtual void detach_disk(const std::string& vm_id, int lun) = 0;
  /// Deletes a managed disk's file (disk resource deleted while unattached).
  virtual void delete_disk(const std::string& disk_id) = 0;

  virtual void deliver_extension(const std::string& vm_id, const ExtensionDelivery& ext) = 0;
  /// nullopt while the handler has not reported for any sequence number.
  virtual std::optional<ExtensionReport> extension_status(const std::string& vm_id, const std::string& name) = 0;
  virtual void remove_extension(const std::string& vm_id, const std::string& name) = 0;

  /// RunShellScript: runs `script` (lines joined by '\n') as root in the guest.
  virtual RunCommandResult run_command(const std::string& vm_id, const std::string& script) = 0;

  virtual GuestStatus status(const std::string& vm_id) = 0;

  /// Attaches (or replaces) the VM's BEK volume; nullopt detaches it. Kept with the VM (its
  /// folder) until replaced, so every later boot has it; hot-plugged when the guest is running.
  /// Compute calls it with freshly unwrapped keys before every boot of an encrypted VM and when
  /// encryption settings arrive (the secret is fetched and unwrapped by the platform each time).
  /// A boot whose volumes cannot be unlocked makes create/start/restart throw with the guest's
  /// reason (the console line), which Compute shows in the instance view.
  virtual void set_bek_volume(const std::string& vm_id, const std::optional<BekVolume>& bek) = 0;

  /// Host path of a managed disk's image file; nullopt when the runtime keeps no file for it
  /// (guestless, or never created). For host-side inspection (`azemu vm disks`).
  virtual std::optional<std::string> disk_file(const std::string& disk_id) const = 0;
};

}  // namespace azemu::ports
