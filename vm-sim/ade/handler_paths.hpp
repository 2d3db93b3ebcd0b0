// Where the ADE handler keeps and finds things inside the VM, all under one root so the same code
// runs in the guest (root "/") and in host tests (AZEMU_ADE_ROOT=<temp dir>). The paths are the
// ones Azure's extension uses (research/ade.md §1.3); this file does no I/O.
#pragma once

#include <filesystem>

namespace azemu::vm::ade {

class HandlerPaths {
 public:
  /// `root` is "/" in the guest.
  explicit HandlerPaths(std::filesystem::path root) : root_(std::move(root)) {}
  /// Root from AZEMU_ADE_ROOT, "/" when unset.
  static HandlerPaths from_environment();

  /// Maps an absolute in-VM path ("/etc/crypttab") to the file under the root.
  std::filesystem::path at(const std::filesystem::path& absolute) const;

  std::filesystem::path state_dir() const { return at("/var/lib/azure_disk_encryption_config"); }
  std::filesystem::path config_file() const { return state_dir() / "azure_crypt_config.ini"; }
  std::filesystem::path encryption_marker() const { return state_dir() / "azure_crypt_request_queue.ini"; }
  std::filesystem::path decryption_marker() const { return state_dir() / "azure_crypt_decrypt_request_queue.ini"; }
  /// azemu's hand-off to the VM runtime: the OS volume is to be encrypted at the next restart.
  std::filesystem::path os_encryption_request() const { return state_dir() / "os_encryption_requested"; }
  std::filesystem::path bek_mount_point() const { return at("/mnt/azure_bek_disk"); }
  std::filesystem::path crypttab() const { return at("/etc/crypttab"); }
  std::filesystem::path fstab() const { return at("/etc/fstab"); }
  std::filesystem::path waagent_conf() const { return at("/etc/waagent.conf"); }
  std::filesystem::path mounts() const { return at("/proc/mounts"); }
  std::filesystem::path dev_mapper() const { return at("/dev/mapper"); }

 private:
  std::filesystem::path root_;
};

/// LUKS key file name on the BEK volume (dual pass; research/ade.md §1.3).
inline constexpr const char* kPassphraseFileName = "LinuxPassPhraseFileName";
/// Label of the vfat volume the platform attaches with the passphrase.
inline constexpr const char* kBekVolumeLabel = "BEK VOLUME";

}  // namespace azemu::vm::ade
